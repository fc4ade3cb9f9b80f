"""The seeds through the whole pipeline on Apache Kafka and on the embedded broker: the same output.

Stories (every article's dedup verdict), the claims table, updates and alerts must be equal, apart
from wall-clock fields (when a worker saw or sent something). One partition, so that both brokers
deliver the figures of a key in the same order. The embedded broker runs beside the session's
Kafka (it starts in milliseconds), so the comparison does not depend on which brokers the session runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluation.runner import Session
from pipeline.ingest import Article
from pipeline.settings import Settings
from pipeline.stream.broker import start_embedded
from tests.integration.brokers import Broker, new_settings

pytestmark = [
    pytest.mark.integration,
    pytest.mark.kafka_only("compares Apache Kafka with the embedded broker, which it starts itself"),
]

# When a worker saw, received or sent something: differs between any two runs.
WALL_CLOCK_FIELDS = {"first_seen", "last_seen", "emitted_at", "received_at", "rejected_at"}


def without_wall_clock(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_wall_clock(v) for k, v in value.items() if k not in WALL_CLOCK_FIELDS}
    if isinstance(value, list):
        return [without_wall_clock(v) for v in value]
    return value


def run_seeds(settings: Settings, broker_url: str, articles: list[Article], workdir: Path) -> dict[str, Any]:
    """Stories, claims table, updates, alerts and dead letters of one run, comparable across runs."""
    with Session.start(settings, workdir, broker_url) as session:
        session.wait_ready(session.start_worker())
        session.publish(articles)
        session.wait_processed(len(articles))
        verdicts = {r.value["article"]["id"]: r.value["dedup"] for r in session.read("articles.deduped")}
        return without_wall_clock(
            {
                "stories": verdicts,
                "table": session.claims(),
                "updates": sorted((r.value for r in session.read("updates")), key=lambda u: u["id"]),
                "alerts": sorted((r.value for r in session.read("alerts")), key=lambda a: a["id"]),
                "dead_letters": [r.value for r in session.read("articles.dlq", idle_seconds=0.5)],
            }
        )


def test_seeds_give_the_same_stories_table_updates_and_alerts_on_kafka_and_embedded(
    broker: Broker, seed_articles: list[Article], tmp_path: Path, capsys
) -> None:
    on_kafka = run_seeds(new_settings(broker, partitions=1), broker.url, seed_articles, tmp_path / "kafka")
    embedded = start_embedded()
    try:
        on_embedded = run_seeds(new_settings(embedded, partitions=1), embedded.url, seed_articles, tmp_path / "tansu")
    finally:
        embedded.stop()

    assert set(on_kafka["stories"]) == {a.id for a in seed_articles}
    assert any(u["kind"] == "update" and u["new"]["value"] == 55000 for u in on_kafka["updates"])
    for part in ("stories", "table", "updates", "alerts", "dead_letters"):
        assert on_kafka[part] == on_embedded[part], part
    stories = {verdict["story_id"] for verdict in on_kafka["stories"].values()}
    with capsys.disabled():
        print(
            f"\nkafka vs embedded on the seeds: {len(on_kafka['stories'])} verdicts in {len(stories)} stories, "
            f"{len(on_kafka['table'])} claim keys, {len(on_kafka['updates'])} updates, "
            f"{len(on_kafka['alerts'])} alerts: equal"
        )
