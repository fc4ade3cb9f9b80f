"""The local Kafka launcher without a JVM: its configuration, its record of a running node, its hints."""

from __future__ import annotations

import base64
import json
import os
import uuid
from pathlib import Path

import pytest

from pipeline.stream import kafka_local


def test_one_node_is_broker_and_controller_on_loopback_with_development_defaults(tmp_path: Path) -> None:
    properties = kafka_local.broker_properties("127.0.0.1", 9092, 9093, tmp_path / "logs")
    assert properties["process.roles"] == "broker,controller"
    assert properties["controller.quorum.voters"] == "1@127.0.0.1:9093"
    assert properties["advertised.listeners"] == "PLAINTEXT://127.0.0.1:9092"
    assert properties["log.dirs"] == str(tmp_path / "logs")
    # One broker cannot hold three replicas of the internal topics; new groups start without delay.
    assert properties["offsets.topic.replication.factor"] == "1"
    assert properties["transaction.state.log.replication.factor"] == "1"
    assert properties["transaction.state.log.min.isr"] == "1"
    assert properties["group.initial.rebalance.delay.ms"] == "0"
    # Nothing a client sees is changed: the message size limit stays Kafka's default.
    assert "message.max.bytes" not in properties
    overridden = kafka_local.broker_properties("127.0.0.1", 1, 2, tmp_path, {"log.cleaner.backoff.ms": "1000"})
    assert overridden["log.cleaner.backoff.ms"] == "1000"


def test_cluster_id_is_sixteen_bytes_in_base64url() -> None:
    cluster_id = kafka_local.new_cluster_id()
    assert len(cluster_id) == 22 and "=" not in cluster_id
    assert len(base64.urlsafe_b64decode(cluster_id + "==")) == 16
    assert kafka_local.new_cluster_id() != cluster_id


def test_cluster_id_never_starts_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    # kafka-storage reads "-t -abc..." as an option: the first 16 bytes encode to "-" first, the next do not.
    draws = iter([uuid.UUID(bytes=b"\xfb" + b"\x00" * 15), uuid.UUID(bytes=b"\x00" * 16)])
    monkeypatch.setattr(kafka_local.uuid, "uuid4", lambda: next(draws))
    assert kafka_local.new_cluster_id() == base64.urlsafe_b64encode(b"\x00" * 16).decode().rstrip("=")


def test_missing_java_or_maven_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kafka_local.shutil, "which", lambda tool: None)
    assert kafka_local.missing_tools() == ["java", "mvn"]
    with pytest.raises(kafka_local.KafkaLocalError) as info:
        kafka_local.require_tools()
    assert "java and mvn" in str(info.value) and "default-jre-headless maven" in str(info.value)
    with pytest.raises(kafka_local.KafkaLocalError, match="needs java, not found"):
        kafka_local.require_tools(need_maven=False)


def test_jars_count_as_fetched_only_for_the_current_pom(tmp_path: Path) -> None:
    assert not kafka_local.fetched(tmp_path)
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / f"kafka_2.13-{kafka_local.KAFKA_VERSION}.jar").write_bytes(b"")
    (tmp_path / "lib.pom-sha256").write_text("an older pom\n")
    assert not kafka_local.fetched(tmp_path)


def test_pom_fetches_the_kafka_version_compose_runs() -> None:
    pom = kafka_local.POM.read_text(encoding="utf-8")
    compose = (kafka_local.ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    assert f"<kafka.version>{kafka_local.KAFKA_VERSION}</kafka.version>" in pom
    assert f"image: apache/kafka:{kafka_local.KAFKA_VERSION}" in compose
    assert ".kafka/" in (kafka_local.ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_a_stale_record_is_dropped_with_its_data(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    state = tmp_path / "run" / "broker.json"
    state.parent.mkdir()
    # This test's own pid is alive but is not a Kafka JVM: a recycled pid must not count as the broker.
    record = {"pid": os.getpid(), "host": "127.0.0.1", "port": 1, "controller_port": 2}
    state.write_text(json.dumps(dict(record, data_dir=str(data_dir), started_at=0.0)))
    assert kafka_local.recorded(tmp_path) is None
    assert not state.exists() and not data_dir.exists()
    assert kafka_local.stop_recorded(tmp_path) is None
