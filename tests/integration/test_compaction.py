"""Compaction on Apache Kafka: the changelogs are created compacted, the log cleaner really removes
overwritten entries, and a restarted worker recovers its tables from what is left.

The embedded broker accepts `cleanup.policy=compact` but keeps every record, so this runs on Kafka
only. To give the cleaner closed segments to work on within the test, the changelogs get a 1 s
segment.ms and a low dirty ratio once the worker has created them (the broker's cleaner looks for
work every second in the tests: tests/integration/brokers.py).
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType

from pipeline.ingest import Article
from tests.factories import synthetic_articles
from tests.integration.brokers import Broker

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.kafka_only("the embedded broker accepts cleanup.policy=compact but never compacts"),
]

FAST_CLEANING = {"segment.ms": "1000", "min.cleanable.dirty.ratio": "0.01", "min.compaction.lag.ms": "0"}


def topic_configs(admin: KafkaAdminClient, topic: str) -> dict[str, str]:
    """The topic's configs that differ from the broker's defaults."""
    described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
    return {name: str(config["value"]) for name, config in described["topic"][topic].items()}


def records_and_end(bootstrap: str, topic: str) -> tuple[int, int]:
    """How many records the topic holds now, and the sum of its end offsets (every record ever written)."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest")
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        count = 0
        while any(consumer.position(tp) < ends[tp] for tp in partitions):
            count += sum(len(batch) for batch in consumer.poll(timeout_ms=500).values())
        return count, sum(ends.values())
    finally:
        consumer.close()


def test_changelogs_are_compacted_and_a_restarted_worker_recovers_from_them(
    make_session, make_settings, broker: Broker, seed_articles: list[Article], capsys
) -> None:
    settings = make_settings(partitions=1)
    session = make_session(settings)
    first = session.start_worker()
    session.wait_ready(first)
    changelogs = [f"{settings.app_id}-{table}-changelog" for table in ("claims", "dedup")]
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    try:
        for topic in changelogs:
            assert topic_configs(admin, topic).get("cleanup.policy") == "compact", topic
        admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, t, configs=FAST_CLEANING) for t in changelogs])
    finally:
        admin.close()

    # Two batches a few seconds apart: the second one's writes roll the segments the first filled.
    articles = seed_articles + synthetic_articles(30, seed=41)
    session.publish(articles[:20])
    session.wait_processed(20)
    time.sleep(1.5)  # past segment.ms, so the next write starts a new segment; not a wait for a condition
    session.publish(articles[20:])
    session.wait_processed(len(articles))
    dedup_changelog = changelogs[1]
    counts: dict[str, tuple[int, int]] = {}

    def compacted() -> bool:
        counts[dedup_changelog] = records_and_end(broker.bootstrap, dedup_changelog)
        held, written = counts[dedup_changelog]
        return held < written

    session.wait_for(compacted, f"the log cleaner to compact {dedup_changelog}", 120, interval_seconds=2)
    counts[changelogs[0]] = records_and_end(broker.bootstrap, changelogs[0])
    before = session.claims(first)
    assert len(before) >= 30

    session.stop_worker(first)
    second = session.start_worker()
    ready_seconds = session.wait_ready(second)
    after = session.claims(second)
    assert [e["key"] for e in after] == [e["key"] for e in before]
    for old, new in zip(before, after, strict=True):
        assert new == old, old["key"]
    # The dedup index came back too: a repost after the restart is matched to its original.
    original = seed_articles[-1]
    repost = replace(
        original,
        id="repost-after-compaction",
        source="aggregator",
        published_at=original.published_at + timedelta(hours=1),
    )
    session.publish([repost])
    session.wait_processed(1)
    verdicts = {r.value["article"]["id"]: r.value["dedup"] for r in session.read("articles.deduped")}
    assert verdicts[repost.id]["duplicate_of"] == original.id
    with capsys.disabled():
        summary = "; ".join(f"{topic}: {held} of {written} records left" for topic, (held, written) in counts.items())
        print(f"\ncompaction: {summary}; restart-to-ready {ready_seconds:.1f} s, {len(after)} claim keys recovered")
