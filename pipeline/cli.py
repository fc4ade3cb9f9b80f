"""The `wiretally` command: one click group; every option shows its WIRETALLY_* variable."""
from __future__ import annotations

import click

from pipeline.settings import Settings, SettingsError, markdown_table


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


# ---- commands added by stage owners go below this line (extract, dedup, eval, bench) ----
