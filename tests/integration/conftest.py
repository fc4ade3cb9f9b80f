"""The brokers for the whole session, and factories for isolated pipelines on them.

Every test that uses `broker` (or `broker_kind`) runs once per broker that WIRETALLY_TEST_BROKERS
names (`embedded`, `kafka`; default both, see tests/integration/brokers.py); the test id says which,
e.g. `test_x[kafka]`. Each broker starts once per session: pytest runs the tests grouped by broker,
so only one runs at a time. Each test gets its own topic prefix and app id (so its own consumer
group and changelogs), so tests share a broker without seeing each other's messages.

Markers: `embedded_only(reason)` for a test that exists because of a Tansu defect, `kafka_only(reason)`
for behaviour only Apache Kafka has; the run on the other broker is deselected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.evaluation.runner import Session
from pipeline.settings import Settings
from tests.integration.brokers import Broker, new_settings, selected_brokers, start_broker

pytestmark = pytest.mark.integration


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "embedded_only(reason): runs on the embedded broker only (a Tansu defect)")
    config.addinivalue_line("markers", "kafka_only(reason): runs on Apache Kafka only (behaviour Tansu lacks)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect the runs of embedded_only tests on Kafka and of kafka_only tests on the embedded broker."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        kind = callspec.params.get("broker_kind") if callspec else None
        if (kind == "kafka" and item.get_closest_marker("embedded_only")) or (
            kind == "embedded" and item.get_closest_marker("kafka_only")
        ):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session", params=selected_brokers())
def broker_kind(request: pytest.FixtureRequest) -> str:
    """`embedded` or `kafka`: the broker this run of the test is for."""
    return str(request.param)


@pytest.fixture(scope="session")
def broker(broker_kind: str) -> Iterator[Broker]:
    """One broker process of that kind for the test session."""
    started = start_broker(broker_kind)
    yield started
    started.stop()


@pytest.fixture
def isolated_settings(broker: Broker) -> Settings:
    """Settings with a fresh topic prefix and app id, two partitions, on the broker's profile."""
    return new_settings(broker)


@pytest.fixture
def make_settings(broker: Broker) -> Callable[..., Settings]:
    """A factory of fresh isolated settings on the session's broker: make_settings(partitions=1, ...)."""
    return lambda **changes: new_settings(broker, **changes)


@pytest.fixture
def make_session(broker: Broker, isolated_settings: Settings, tmp_path: Path) -> Iterator[Callable[..., Session]]:
    """Start Sessions on the shared broker; every worker is stopped at teardown."""
    sessions: list[Session] = []

    def make(settings: Settings | None = None) -> Session:
        session = Session.start(settings or isolated_settings, tmp_path / f"session-{len(sessions)}", broker.url)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()
