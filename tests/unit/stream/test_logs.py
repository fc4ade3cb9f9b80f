"""Log levels: the Kafka clients and Faust's machinery at WARNING unless WIRETALLY_LOG_LEVEL=debug."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from mode.utils.logging import setup_logging

from pipeline.cli import main
from pipeline.cli import stream as cli_stream
from pipeline.settings import Settings
from pipeline.stream import app, logs

CLIENT_LOGGERS = ("kafka.net.connection", "kafka.cluster", "aiokafka.consumer.group_coordinator", "mode.supervisors")
FAUST_LOGGERS = ("faust.agents.agent", "faust.tables.recovery", "faust.transport.drivers.aiokafka")


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Put back every logger's level, handlers and flags (the code under test reconfigures logging)."""
    manager = logging.Logger.manager
    root = logging.getLogger()
    saved_root = (root.level, root.handlers[:])
    saved = {
        name: (logger.level, logger.handlers[:], logger.propagate, logger.disabled)
        for name, logger in manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    yield
    root.setLevel(saved_root[0])
    root.handlers[:] = saved_root[1]
    for name, logger in list(manager.loggerDict.items()):
        if not isinstance(logger, logging.Logger):
            continue
        level, handlers, propagate, disabled = saved.get(name, (logging.NOTSET, [], True, False))
        logger.setLevel(level)
        logger.handlers[:] = handlers
        logger.propagate, logger.disabled = propagate, disabled


def speaks_at_info(name: str) -> bool:
    return logging.getLogger(name).isEnabledFor(logging.INFO)


def test_clients_are_held_at_warning_and_the_faust_worker_keeps_the_level() -> None:
    levels = logs.library_levels("info")
    assert {levels[name] for name in ("kafka", "aiokafka", "mode", "faust")} == {"WARNING"}
    assert levels["faust.worker"] == "INFO"


def test_debug_leaves_every_logger_alone() -> None:
    assert logs.library_levels("debug") == {}
    assert logs.faust_logging_config("debug") == {"merge": True, "loggers": {}}


def test_a_level_above_warning_is_not_lowered() -> None:
    assert set(logs.library_levels("error").values()) == {"ERROR"}


def test_faust_worker_logging_config_quiets_the_clients(restore_logging: None) -> None:
    """What the Faust worker does at start: mode's setup_logging with the app's logging_config."""
    config = app.faust_options(Settings())["logging_config"]
    setup_logging(loglevel="info", logging_config=dict(config))
    assert not any(speaks_at_info(name) for name in CLIENT_LOGGERS + FAUST_LOGGERS)
    assert all(logging.getLogger(name).isEnabledFor(logging.WARNING) for name in CLIENT_LOGGERS + FAUST_LOGGERS)
    assert speaks_at_info("faust.worker") and speaks_at_info("pipeline.stream.app")
    assert logging.getLogger().handlers, "mode's own handler is kept (merge)"


def test_faust_worker_at_debug_lets_the_clients_speak(restore_logging: None) -> None:
    config = app.faust_options(Settings(log_level="debug"))["logging_config"]
    setup_logging(loglevel="debug", logging_config=dict(config))
    assert all(logging.getLogger(name).isEnabledFor(logging.DEBUG) for name in CLIENT_LOGGERS + FAUST_LOGGERS)


@pytest.mark.parametrize(("log_level", "clients_at_info"), [("info", False), ("debug", True)])
def test_worker_command_sets_the_levels_before_it_connects(
    restore_logging: None, monkeypatch: pytest.MonkeyPatch, log_level: str, clients_at_info: bool
) -> None:
    """`wiretally worker` talks to the broker (topic creation) before Faust starts: quiet by then."""
    seen: dict[str, bool] = {}

    def fake_run_worker(settings: Settings, new_broker: bool) -> None:
        seen.update({name: speaks_at_info(name) for name in CLIENT_LOGGERS + ("pipeline.stream.app",)})

    # A fresh process: no handler on the root logger yet (pytest's capture handler would make basicConfig a no-op).
    logging.getLogger().handlers.clear()
    logging.getLogger().setLevel(logging.WARNING)
    for name in ("kafka", "aiokafka", "mode", "faust"):
        logging.getLogger(name).setLevel(logging.NOTSET)
    monkeypatch.setattr(cli_stream, "_run_worker", fake_run_worker)
    env = {"WIRETALLY_BROKER": "kafka://127.0.0.1:9", "WIRETALLY_LOG_LEVEL": log_level}
    result = CliRunner().invoke(main, ["worker"], env=env)
    assert result.exit_code == 0, result.output
    assert {name: seen[name] for name in CLIENT_LOGGERS} == dict.fromkeys(CLIENT_LOGGERS, clients_at_info)
    assert seen["pipeline.stream.app"]
