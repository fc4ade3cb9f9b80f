"""The messages the stream builds between stages match schemas/ (the stream validates only its input edge)."""

from __future__ import annotations

import json
from typing import Any

from pipeline import schemas
from pipeline.dedup.deduplicator import Deduplicator
from pipeline.dedup.messages import Findings
from pipeline.dedup.verdict import Verdict
from pipeline.ingest import Article
from pipeline.settings import Settings
from pipeline.stream import app
from tests.unit.claims.factory import figure


def wire(message: dict[str, Any]) -> Any:
    return json.loads(json.dumps(message))


def envelope_of(article: Article) -> dict[str, Any]:
    return {
        "schema_version": schemas.SCHEMA_VERSION,
        "article": article.to_message(),
        "received_at": "2026-02-04T12:00:00Z",
    }


def test_route_and_deduped_messages_match_their_schemas(seed_articles: list[Article]) -> None:
    deduplicator = Deduplicator(Settings(), shard=1, shards=2)
    article, envelope = seed_articles[0], envelope_of(seed_articles[0])
    probe = deduplicator.start(article)
    schemas.validate("dedup.route", wire(app.route_search(envelope, [0], False, probe, Findings())))
    decision = deduplicator.finalize(probe, Findings(), article)
    schemas.validate("dedup.route", wire(app.route_commit(envelope, decision)))
    verdict = deduplicator.commit(decision)
    assert isinstance(verdict, Verdict)
    schemas.validate("dedup", wire(verdict.to_message()))
    schemas.validate("articles.deduped", wire(app.deduped_message(envelope, verdict)))


def test_figure_messages_carry_the_stream_fields_and_match_the_schema(seed_articles: list[Article]) -> None:
    article = seed_articles[0]
    verdict = Deduplicator(Settings()).observe(article)
    deduped = app.deduped_message(envelope_of(article), verdict)
    found = figure(article.id, article.source, "2026-02-04T10:00:00Z", 55000, "55,000", "2026-02-04")
    for name in ("received_at", "story_id", "duplicate_of", "is_new_version", "story_sources", "article_version"):
        found.pop(name, None)
    messages = app.figure_messages([found], wire(deduped), article.version)
    assert messages[0]["story_id"] == verdict.story_id
    assert messages[0]["received_at"] == "2026-02-04T12:00:00Z"
    for message in messages:
        schemas.validate("figures", wire(message))
