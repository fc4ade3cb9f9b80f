"""Settings: typed parsing from WIRETALLY_* variables, clear errors, and the README table in step."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.settings import Settings, SettingsError, env_names, markdown_table

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_need_no_environment() -> None:
    settings = Settings.from_env({})
    assert settings.embedded and settings.tansu_profile
    assert settings.partitions == 1 and settings.alert_min_confidence == 0.7


def test_values_are_parsed_by_type() -> None:
    settings = Settings.from_env(
        {
            "WIRETALLY_BROKER": "kafka://kafka:9092",
            "WIRETALLY_PARTITIONS": "12",
            "WIRETALLY_STORY_THRESHOLD": "0.3",
            "WIRETALLY_DATA_DIR": "/var/lib/wiretally",
            "WIRETALLY_LOG_LEVEL": "DEBUG",
        }
    )
    assert settings.broker == "kafka://kafka:9092" and not settings.embedded and not settings.tansu_profile
    assert settings.partitions == 12 and settings.story_threshold == 0.3
    assert settings.data_dir == Path("/var/lib/wiretally") and settings.log_level == "debug"


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("WIRETALLY_PARTITIONS", "four", "WIRETALLY_PARTITIONS='four'"),
        ("WIRETALLY_PARTITIONS", "0", "WIRETALLY_PARTITIONS must be at least 1"),
        ("WIRETALLY_BROKER_PROFILE", "redpanda", "expected one of auto, kafka, tansu"),
        ("WIRETALLY_STORY_THRESHOLD", "1.5", "WIRETALLY_STORY_THRESHOLD must be in (0, 1]"),
        ("WIRETALLY_WEB_PORT", "70000", "WIRETALLY_WEB_PORT must be a TCP port"),
        ("WIRETALLY_BROKER", "kafka://a:1,,", "WIRETALLY_BROKER has an empty host"),
        ("WIRETALLY_DLQ_RETRY_INITIAL_SECONDS", "0", "WIRETALLY_DLQ_RETRY_INITIAL_SECONDS must be positive"),
        ("WIRETALLY_DLQ_RETRY_MAX_SECONDS", "0.1", "must be at least WIRETALLY_DLQ_RETRY_INITIAL_SECONDS (0.5)"),
        ("WIRETALLY_EXTRACT_PROCESSES", "-2", "WIRETALLY_EXTRACT_PROCESSES must be -1 (one per core)"),
    ],
)
def test_bad_values_stop_start_up_naming_the_variable(name: str, value: str, fragment: str) -> None:
    with pytest.raises(SettingsError, match=None) as info:
        Settings.from_env({name: value})
    assert fragment in str(info.value)


def test_profile_can_be_forced_for_an_external_tansu() -> None:
    settings = Settings.from_env({"WIRETALLY_BROKER": "kafka://127.0.0.1:9092", "WIRETALLY_BROKER_PROFILE": "tansu"})
    assert settings.tansu_profile


def test_readme_configuration_table_matches_the_settings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "regenerate with `wiretally settings --markdown`"
    for name in env_names():
        assert f"`{name}`" in readme


def test_web_server_binds_loopback_by_default_and_advertises_what_it_binds() -> None:
    """Issue 16: the documented default (127.0.0.1) is what the worker binds, and what it advertises."""
    settings = Settings.from_env({})
    assert settings.web_bind == "127.0.0.1" and settings.advertised_web_host == "127.0.0.1"


def test_a_worker_bound_to_every_interface_advertises_its_host_name_not_the_wildcard() -> None:
    """Issue 16: advertising 0.0.0.0 made every replica's route the same, so /claims/{key} was not routed."""
    import socket

    container = Settings.from_env({"WIRETALLY_WEB_BIND": "0.0.0.0"})
    assert container.advertised_web_host == socket.gethostname()
    pod = Settings.from_env({"WIRETALLY_WEB_BIND": "0.0.0.0", "WIRETALLY_WEB_HOST": "10.1.2.3"})
    assert pod.advertised_web_host == "10.1.2.3"


def test_faust_binds_and_advertises_the_settings() -> None:
    from pipeline.stream.app import faust_options

    options = faust_options(Settings.from_env({"WIRETALLY_WEB_BIND": "0.0.0.0", "WIRETALLY_WEB_HOST": "worker-2"}))
    assert options["web_bind"] == "0.0.0.0" and options["web_host"] == "worker-2"
