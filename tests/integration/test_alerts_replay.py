"""The stream on the real broker gives the updates and alerts the offline evaluation gives (issue 15)."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import extract
from pipeline.claims import Policy
from pipeline.dedup import Deduplicator
from pipeline.evaluation.alerts import published_bytes, run_offline
from pipeline.evaluation.corpus import by_publication, load_articles
from pipeline.ingest import Article
from pipeline.settings import Settings

pytestmark = pytest.mark.integration


def test_the_default_partitioning_gives_the_same_updates_whatever_the_timing(
    make_settings: Callable[..., Settings], make_session, seed_articles: list[Article], root: Path
) -> None:
    """Issue 15, item 5: the same articles published in the same order give the same updates and alerts.

    The seeds and the composed storylines (rising tolls, write-throughs, reposts, sources that disagree)
    go through a worker twice on the default partitioning: once published at once to a worker with two
    extraction processes, once paced to a worker with one, so that the stages see different timings. Both
    must give exactly the updates and alerts of the offline run in publication order. (With several
    partitions, this fails: the stages then take articles in the order the partitions interleave.)
    """
    articles = by_publication([*seed_articles, *load_articles([root / "tests/gold/composed.articles.jsonl"])])
    default = Settings().partitions
    settings = make_settings(partitions=default)
    offline = run_offline(
        published_bytes(articles),
        extract.Extractor(extract.load_nlp(settings.spacy_model)),
        Deduplicator(settings),
        Policy.from_settings(settings),
        settings.alert_min_confidence,
        settings.max_article_bytes,
    )
    assert any(u["kind"] == "update" and u["new"]["value"] == 55000 for u in offline.updates)
    assert sum(u["kind"] == "update" for u in offline.updates) >= 5
    assert any(u["kind"] == "contradiction" for u in offline.updates)

    def verdicts(messages: list[dict]) -> list[tuple]:
        return sorted((u["id"], u["kind"], u["old"]["value"], u["new"]["value"], u["confidence"]) for u in messages)

    for processes, pause_seconds in ((2, 0.0), (1, 0.3)):
        session = make_session(make_settings(partitions=default, extract_processes=processes))
        session.wait_ready(session.start_worker())
        session.publish(articles, on_sent=functools.partial(_pause, pause_seconds))
        session.wait_processed(len(articles))
        updates = [r.value for r in session.read("updates")]
        alerts = [r.value for r in session.read("alerts")]
        timing = f"{processes} extraction processes, " + ("published at once" if not pause_seconds else "paced")
        assert verdicts(updates) == verdicts(offline.updates), timing
        assert sorted(a["id"] for a in alerts) == sorted(a["id"] for a in offline.alerts), timing


def _pause(seconds: float, article: Article) -> None:
    time.sleep(seconds)
