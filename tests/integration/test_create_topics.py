"""deploy/kafka/create-topics.sh (the compose and Kubernetes topics job) against a real Kafka.

It runs with Kafka's own kafka-topics.sh from the Maven jars (`.kafka/bin`, written by
pipeline/stream/kafka_local.py) and must create every topic with the partition count and cleanup
policy the worker declares, so that a worker started afterwards creates none.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType

from pipeline.ingest import Article
from pipeline.stream import kafka_local
from pipeline.stream.app import topic_layout
from tests.integration.brokers import Broker

pytestmark = [
    pytest.mark.integration,
    pytest.mark.kafka_only("the script runs Kafka's kafka-topics.sh, which the embedded broker does not ship"),
]
ROOT = Path(__file__).resolve().parents[2]


def describe(admin: KafkaAdminClient, topics: list[str]) -> dict[str, tuple[int, str]]:
    """Topic -> (partitions, cleanup.policy) as the broker has them."""
    partitions = {d["name"]: len(d["partitions"]) for d in admin.describe_topics(topics)}
    configs = admin.describe_configs(
        [ConfigResource(ConfigResourceType.TOPIC, t, configs=["cleanup.policy"]) for t in topics],
        config_filter="all",
    )["topic"]
    return {t: (partitions[t], str(configs[t]["cleanup.policy"]["value"])) for t in topics}


def test_topics_job_creates_what_the_worker_expects_so_the_worker_creates_none(
    make_session, make_settings, broker: Broker, seed_articles: list[Article], capsys
) -> None:
    settings = make_settings(partitions=3)
    env = {
        "PATH": os.environ["PATH"],
        "KAFKA_BIN": str(kafka_local.DEFAULT_HOME / "bin"),
        "KAFKA_WAIT_SECONDS": "60",
        "WIRETALLY_BROKER": broker.url,
        "WIRETALLY_APP_ID": settings.app_id,
        "WIRETALLY_TOPIC_PREFIX": settings.topic_prefix,
        "WIRETALLY_PARTITIONS": str(settings.partitions),
        "WIRETALLY_REPLICATION_FACTOR": "1",
    }
    job = subprocess.run(
        ["/bin/sh", str(ROOT / "deploy" / "kafka" / "create-topics.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert job.returncode == 0, job.stdout + job.stderr
    expected = topic_layout(settings)
    expected[f"{settings.app_id}-__assignor-__leader"] = (1, "delete")
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    try:
        mine = sorted(t for t in admin.list_topics() if t.startswith((settings.topic_prefix, settings.app_id)))
        assert mine == sorted(expected)
        assert describe(admin, mine) == expected

        session = make_session(settings)
        worker = session.start_worker()
        session.wait_ready(worker)
        session.publish(seed_articles)
        session.wait_processed(len(seed_articles))
        assert session.claims(), "the worker processed the seeds on the job's topics"
        after = sorted(t for t in admin.list_topics() if t.startswith((settings.topic_prefix, settings.app_id)))
    finally:
        admin.close()
    assert after == mine, f"the worker created {sorted(set(after) - set(mine))}"
    with capsys.disabled():
        print(f"\ncreate-topics.sh on Kafka: {len(mine)} topics as the worker declares them; the worker created none")
