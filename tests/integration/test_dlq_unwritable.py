"""Issue 17: a dead letter that articles.dlq refuses is retried, not skipped, and the partition waits.

On Apache Kafka the DLQ topic is made unwritable by lowering its `max.message.bytes` to 100 bytes
through the admin API (every dead letter is larger, and Kafka refuses it as MESSAGE_TOO_LARGE, which
the producer does not retry itself). A malformed message is then published between two valid
articles on one partition. While the DLQ refuses its dead letter, the worker's metrics say so, the
valid article behind it is not processed and the group's committed offset stays on the malformed
message. Once the topic's limit is reset, the dead letter lands once and the article behind it is
processed.
"""

from __future__ import annotations

import pytest
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType
from prometheus_client.parser import text_string_to_metric_families

from pipeline.evaluation.runner import Session, WorkerProcess
from pipeline.stream import clients
from tests.integration.brokers import Broker
from tests.integration.streaming import article_json, committed_offsets

pytestmark = [
    pytest.mark.integration,
    pytest.mark.kafka_only(
        "the embedded broker (Tansu) enforces no message size limit and has no ACLs, so articles.dlq "
        "cannot be made to refuse a record; the retry core is unit-tested in tests/unit/stream/test_retry.py"
    ),
]

UNWRITABLE_MAX_MESSAGE_BYTES = "100"
# Failed attempts to wait for before checking that nothing moved: with these pauses (0.2, 0.4, 0.8,
# then 1 s) they span more than one of Faust's offset commits (every 2.8 s).
FAILED_ATTEMPTS_HELD = 6


def metric_value(worker: WorkerProcess, name: str) -> float:
    """The value of an unlabelled sample on the worker's /metrics."""
    for family in text_string_to_metric_families(worker.get_text("/metrics")):
        for sample in family.samples:
            if sample.name == name and not sample.labels:
                return float(sample.value)
    raise AssertionError(f"{name} is not on /metrics")


def set_dlq_max_message_bytes(admin: KafkaAdminClient, topic: str, value: str | None) -> None:
    """Set the topic's max.message.bytes, or reset it to the broker's default (None)."""
    resource = ConfigResource(ConfigResourceType.TOPIC, topic, configs={"max.message.bytes": value})
    if value is None:
        admin.reset_configs([resource])
    else:
        admin.alter_configs([resource])


def deduped_ids(session: Session) -> list[str]:
    return [r.value["article"]["id"] for r in session.read("articles.deduped", idle_seconds=0.5)]


def test_a_dead_letter_the_dlq_refuses_holds_the_partition_until_it_is_written(
    make_session, make_settings, broker: Broker
) -> None:
    settings = make_settings(partitions=1, dlq_retry_initial_seconds=0.2, dlq_retry_max_seconds=1.0)
    session = make_session(settings)
    worker = session.start_worker()
    session.wait_ready(worker)
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    dlq = settings.topic("articles.dlq")
    try:
        # Offset 0: processed and committed before the DLQ breaks, so the commit has a place to stay.
        clients.publish_raw(settings, session.broker_url, [(b"before", article_json("before"))])
        session.wait_processed(1)
        session.wait_for(
            lambda: committed_offsets(admin, settings, "articles").get(0) == 1, "offset 1 committed", 30, worker=worker
        )

        set_dlq_max_message_bytes(admin, dlq, UNWRITABLE_MAX_MESSAGE_BYTES)
        # Offset 1 is malformed (its dead letter is refused); offset 2 is valid and must wait behind it.
        clients.publish_raw(
            settings, session.broker_url, [(b"malformed", b"{not json"), (b"after", article_json("after"))]
        )
        session.wait_for(
            lambda: metric_value(worker, "wiretally_dlq_send_failures_total") >= FAILED_ATTEMPTS_HELD,
            f"{FAILED_ATTEMPTS_HELD} failed attempts to write the dead letter",
            60,
            worker=worker,
        )
        assert metric_value(worker, "wiretally_dlq_send_failing") == 1
        status = session.status()
        assert status["articles_consumed"] == 2, "the ingest stage waits on the malformed message"
        assert status["articles_rejected"] == 0
        assert committed_offsets(admin, settings, "articles").get(0) == 1, (
            "the offset is not committed past the malformed message"
        )
        assert deduped_ids(session) == ["before"], "the article behind it is not processed yet"
        assert session.read("articles.dlq", idle_seconds=0.5) == []

        set_dlq_max_message_bytes(admin, dlq, None)
        session.wait_processed(3, timeout_seconds=60)
        session.wait_for(
            lambda: committed_offsets(admin, settings, "articles").get(0) == 3, "offset 3 committed", 30, worker=worker
        )
    finally:
        admin.close()

    (dead,) = [r.value for r in session.read("articles.dlq", idle_seconds=0.5)]
    assert (dead["topic"], dead["partition"], dead["offset"]) == (settings.topic("articles"), 0, 1)
    assert dead["reason"] == "not_json"
    assert deduped_ids(session) == ["before", "after"]
    assert metric_value(worker, "wiretally_dlq_send_failing") == 0
    assert session.status()["articles_rejected"] == 1
    assert worker.alive()
