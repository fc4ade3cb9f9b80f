"""Shared fixtures: the repository root and the seeds as Articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from pipeline.evaluation import corpus
from pipeline.ingest import Article

# CI runs the property-based tests on a fixed sequence of examples, so a run can be repeated exactly.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def seed_articles() -> list[Article]:
    """The five seed articles, in publication order."""
    return corpus.by_publication(corpus.load_articles([ROOT / "seeds"]))
