"""The `wiretally` group and what its commands share: settings, the eval and bench groups, common options."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from pipeline.evaluation import corpus
from pipeline.settings import Settings, SettingsError, markdown_table

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]  # the repository (seeds/, tests/gold/)


def load_settings() -> Settings:
    """Settings from the environment, or a ClickException that names the bad variable."""
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wiretally")
def main() -> None:
    """wiretally: dedup, figure extraction, a rolling claims table and update alerts for news wire copy."""


@main.command()
@click.option("--markdown", is_flag=True, help="Print the README's configuration table.")
def settings(markdown: bool) -> None:
    """Show the settings in effect (from WIRETALLY_* variables)."""
    if markdown:
        click.echo(markdown_table())
        return
    current = load_settings()
    for name, value in vars(current).items():
        click.echo(f"WIRETALLY_{name.upper()}={value}")


@main.group(name="eval")
def eval_group() -> None:
    """Score a stage against gold data."""


@main.group(name="bench")
def bench_group() -> None:
    """Benchmarks that print their figures."""


def env_help(text: str, variable: str) -> str:
    return f"{text} [env: WIRETALLY_{variable}]"


def articles_or_fail(*paths: str | Path) -> list[Any]:
    try:
        return corpus.load_articles([Path(path) for path in paths])
    except (corpus.CorpusError, OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc


# ---- options and arguments shared by several commands ----
broker_option = click.option("--broker", envvar="WIRETALLY_BROKER", help=env_help("Kafka URL.", "BROKER"))
articles_argument = click.argument(
    "articles_path", metavar="ARTICLES.jsonl", type=click.Path(exists=True, dir_okay=False)
)


def file_option(flag: str, dest: str, default: str, help_text: str | None = None) -> Any:
    """An option naming an existing file, with a default (relative to the working directory)."""
    return click.option(
        flag, dest, default=default, show_default=True, type=click.Path(exists=True, dir_okay=False), help=help_text
    )


def gold_option(help_text: str) -> Any:
    """--gold: the gold file an eval command scores against (required)."""
    return click.option(
        "--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False), help=help_text
    )


def benchdata_option(name: str, help_text: str) -> Any:
    """--data: a public benchmark's folder in ../shared/benchdata beside the repository (read there, never copied)."""
    return click.option(
        "--data",
        "data_dir",
        default=lambda: str(ROOT.parent / "shared" / "benchdata" / name),
        show_default=f"../shared/benchdata/{name}",
        type=click.Path(file_okay=False),
        help=help_text,
    )


def broker_or_fail(broker: str | None, settings: Settings, hint: str = "") -> str:
    """--broker, else WIRETALLY_BROKER, else a ClickException."""
    if not (broker or settings.broker):
        raise click.ClickException(f"no broker: set WIRETALLY_BROKER or --broker{hint}")
    return broker or settings.broker


def make_extractor(claims_only: bool = True) -> Any:
    """The extractor on the configured spaCy model (loading it takes a few seconds)."""
    from pipeline.extract import Extractor, load_nlp

    return Extractor(load_nlp(load_settings().spacy_model), claims_only=claims_only)


def say(text: str) -> None:
    click.echo(text, err=True)


def in_workdir(prefix: str, run: Callable[[Path], T], *errors: type[Exception]) -> T:
    """run(a temporary directory); a session error, an OSError or one of `errors` becomes a ClickException."""
    from pipeline.evaluation import runner

    caught: tuple[type[Exception], ...] = (runner.SessionError, OSError, *errors)
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        try:
            return run(Path(tmp))
        except caught as exc:
            raise click.ClickException(str(exc)) from exc
