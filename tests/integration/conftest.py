"""The real embedded broker for the whole session, and factories for isolated pipelines on it.

Each test gets its own topic prefix and app id (so its own consumer group and changelogs), so
tests share one broker without seeing each other's messages.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.evaluation.runner import Session
from pipeline.settings import Settings
from pipeline.stream.broker import EmbeddedBroker, start_embedded

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def broker() -> Iterator[EmbeddedBroker]:
    """One Tansu process for the test session."""
    embedded = start_embedded()
    yield embedded
    embedded.stop()


@pytest.fixture
def isolated_settings() -> Settings:
    """Settings with a fresh topic prefix and app id, on the embedded profile."""
    tag = uuid.uuid4().hex[:10]
    return Settings(topic_prefix=f"t{tag}.", app_id=f"wiretally-{tag}", broker_profile="tansu", partitions=2)


@pytest.fixture
def make_session(
    broker: EmbeddedBroker, isolated_settings: Settings, tmp_path: Path
) -> Iterator[Callable[..., Session]]:
    """Start Sessions on the shared broker; every worker is stopped at teardown."""
    sessions: list[Session] = []

    def make(settings: Settings | None = None) -> Session:
        session = Session.start(settings or isolated_settings, tmp_path / f"session-{len(sessions)}", broker.url)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()
