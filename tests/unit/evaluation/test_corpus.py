"""Reading articles from seeds/ (text + metadata) and JSONL, with errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluation import corpus

ROOT = Path(__file__).resolve().parents[3]


def test_seeds_load_with_distinct_sources_and_times() -> None:
    articles = corpus.load_articles([ROOT / "seeds"])
    assert len(articles) == 5
    assert len({a.source for a in articles}) == 5
    assert len({a.id for a in articles}) == 5
    ordered = corpus.by_publication(articles)
    assert [a.published_at for a in ordered] == sorted(a.published_at for a in articles)
    assert all(a.published_at.year == 2026 and a.published_at.month == 2 for a in articles)


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"id": "a", "source": "x", "published_at": "2026-01-01T00:00:00Z", "headline": "", "body": "b"}\nnot json\n'
    )
    with pytest.raises(corpus.CorpusError, match=r"bad.jsonl:2"):
        corpus.load_articles([path])


def test_jsonl_schema_errors_name_the_article(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "source": "x", "published_at": "soon", "headline": "", "body": "b"}\n')
    with pytest.raises(corpus.CorpusError, match="article 1"):
        corpus.load_articles([path])


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(corpus.CorpusError, match="no such file"):
        corpus.load_articles([tmp_path / "nope.txt"])
