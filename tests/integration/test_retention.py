"""Retention: claim keys untouched past WIRETALLY_RETENTION_DAYS leave the table with a tombstone.

The first articles are from 2 March 2026, the next from 12 March about other towns; with a
retention of 3 days, the keys only the first articles touched are deleted when the partition's
clock reaches 12 March, each with a tombstone on the claims changelog. On Apache Kafka the log
cleaner then removes their records. A retired key that comes back starts afresh.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType

from pipeline.stream import clients
from tests.factories import synthetic_articles
from tests.integration.test_compaction import FAST_CLEANING

pytestmark = pytest.mark.integration


def figure_keys(session, article_ids: set[str]) -> set[str]:
    """Claim keys of the figures extracted from these articles."""
    return {r.value["key"] for r in session.read("figures", idle_seconds=0.5) if r.value["article_id"] in article_ids}


def claims_changelog(session, settings) -> list[clients.Record]:
    return clients.read_topic(session.broker_url, f"{settings.app_id}-claims-changelog", idle_seconds=0.5)


def test_keys_untouched_past_the_retention_are_retired_with_tombstones(
    make_session, make_settings, broker_kind: str, capsys
) -> None:
    settings = make_settings(partitions=1, retention_days=3.0)
    session = make_session(settings)
    worker = session.start_worker()
    session.wait_ready(worker)
    changelog = f"{settings.app_id}-claims-changelog"
    if broker_kind == "kafka":
        admin = KafkaAdminClient(bootstrap_servers=clients.bootstrap_servers(session.broker_url))
        try:
            admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, changelog, configs=FAST_CLEANING)])
        finally:
            admin.close()

    old = synthetic_articles(8, seed=3)
    session.publish(old)
    session.wait_processed(len(old))
    old_keys = {entry["key"] for entry in session.claims(worker)}
    assert session.status()["claims_retired"] == 0

    later = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
    new = synthetic_articles(16, seed=3, start=later)[8:]  # other towns: other keys
    session.publish(new)
    session.wait_processed(len(old) + len(new))
    touched_again = figure_keys(session, {a.id for a in new})
    retired = old_keys - touched_again
    assert retired, "the second batch must leave some keys of the first untouched"
    kept = {entry["key"] for entry in session.claims(worker)}
    assert not kept & retired
    assert old_keys & touched_again <= kept
    # A key of both batches is retired too when the sweep (at the new batch's first figure) comes
    # before the new batch touches it; it then starts afresh like any key that comes back.
    tombstones = {r.key for r in claims_changelog(session, settings) if r.value is None}
    came_back = old_keys & touched_again
    assert retired <= tombstones and tombstones - retired <= came_back
    if broker_kind == "kafka":
        # Kafka's cleaner (made eager above) may already have removed the tombstone of a key of both batches:
        # the key's later value supersedes it. Every retirement is a tombstone seen or such a key.
        assert len(tombstones) <= session.status()["claims_retired"] <= len(tombstones | came_back)
    else:
        assert session.status()["claims_retired"] == len(tombstones)

    # A retired key that comes back starts afresh: no history, its first claim is the new one.
    time.sleep(1.5)  # past segment.ms on Kafka, so this write rolls the segment holding the tombstones
    again = replace(old[0], id="synthetic-again", published_at=later + timedelta(hours=3))
    session.publish([again])
    session.wait_processed(len(old) + len(new) + 1)
    back = figure_keys(session, {again.id}) & retired
    assert back, "the repeated article must bring back a retired key"
    entries = {entry["key"]: entry for entry in session.claims(worker)}
    for key in back:
        assert entries[key]["latest"]["article_id"] == again.id
        assert entries[key]["history"] == [] and entries[key]["last_change"] == "new"

    if broker_kind == "kafka":
        # The cleaner removes the retired keys' earlier records, keeping each one's tombstone (for
        # delete.retention.ms) and the returning keys' new entries.
        gone = retired - back

        def compacted() -> bool:
            records = claims_changelog(session, settings)
            return all(r.value is None for r in records if r.key in gone)

        session.wait_for(compacted, f"the log cleaner to remove the retired keys from {changelog}", 120, 2)
    held = len(claims_changelog(session, settings))
    with capsys.disabled():
        print(f"\nretention: {len(retired)} of {len(old_keys)} keys retired; {held} records left on {changelog}")
