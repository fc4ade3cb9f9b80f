"""Shared fixtures: the repository root and the seeds as Articles."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import corpus
from pipeline.ingest import Article

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
