"""The stream on the real broker gives the updates and alerts the offline evaluation gives (issue 15)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline import extract
from pipeline.claims import Policy
from pipeline.dedup import Deduplicator
from pipeline.evaluation.alerts import published_bytes, run_offline
from pipeline.evaluation.corpus import by_publication
from pipeline.ingest import Article
from pipeline.settings import Settings

pytestmark = pytest.mark.integration


def test_replay_on_one_partition_gives_the_offline_updates_and_alerts(
    make_settings: Callable[..., Settings], make_session, seed_articles: list[Article]
) -> None:
    """One partition keeps the publication order per key; the offline run and the stream must then agree exactly.

    With several partitions the dedup and extract agents may take articles out of publication
    order; the claims table still ends the same (tests/unit/claims/test_table.py), but an update
    already sent before a late figure arrived stays sent.
    """
    settings = make_settings(partitions=1)
    articles = by_publication(seed_articles)
    offline = run_offline(
        published_bytes(articles),
        extract.Extractor(extract.load_nlp(settings.spacy_model)),
        Deduplicator(settings),
        Policy.from_settings(settings),
        settings.alert_min_confidence,
        settings.max_article_bytes,
    )
    session = make_session(settings)
    session.wait_ready(session.start_worker())
    session.publish(articles)
    session.wait_processed(len(articles))
    updates = [r.value for r in session.read("updates")]
    alerts = [r.value for r in session.read("alerts")]
    assert any(u["kind"] == "update" and u["new"]["value"] == 55000 for u in offline.updates)
    assert sorted(u["id"] for u in updates) == sorted(u["id"] for u in offline.updates)
    assert sorted(a["id"] for a in alerts) == sorted(a["id"] for a in offline.alerts)

    def verdicts(messages: list[dict]) -> dict[str, tuple]:
        return {u["id"]: (u["kind"], u["old"]["value"], u["new"]["value"], u["confidence"]) for u in messages}

    assert verdicts(updates) == verdicts(offline.updates)
