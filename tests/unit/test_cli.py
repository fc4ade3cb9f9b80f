"""The CLI: help, settings, and user errors as clear messages (click's CliRunner, no broker)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main
from pipeline.settings import markdown_table


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("demo", "worker", "publish", "tail", "replay", "settings", "eval", "bench"):
        assert command in result.output


def test_settings_markdown_is_the_readme_table() -> None:
    result = CliRunner().invoke(main, ["settings", "--markdown"])
    assert result.exit_code == 0 and result.output.strip() == markdown_table()


def test_bad_setting_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["settings"], env={"WIRETALLY_PARTITIONS": "many"})
    assert result.exit_code != 0
    assert "WIRETALLY_PARTITIONS='many'" in result.output and "Traceback" not in result.output


def test_publish_without_a_broker_says_how_to_set_one(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Floods killed 12 people, officials said.")
    result = CliRunner().invoke(main, ["publish", str(article)], env={"WIRETALLY_BROKER": ""})
    assert result.exit_code != 0 and "WIRETALLY_BROKER" in result.output


def test_unreadable_articles_are_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    result = CliRunner().invoke(main, ["publish", "--broker", "kafka://127.0.0.1:9", str(bad)])
    assert result.exit_code != 0 and "bad.jsonl:1" in result.output
