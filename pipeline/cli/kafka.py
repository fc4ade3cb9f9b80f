"""An Apache Kafka node from Maven Central for tests and benchmarks (`wiretally kafka start|stop|run`)."""

from __future__ import annotations

import sys

import click

from pipeline.cli.base import (
    main,
)


@main.group(name="kafka")
def kafka_group() -> None:
    """Apache Kafka on this machine, without Docker: one KRaft node from Maven Central (needs java and mvn)."""


@kafka_group.command(name="start")
@click.option("--port", type=int, default=None, help="Port to listen on (default: a free one).")
def kafka_start_command(port: int | None) -> None:
    """Start the node unless it runs already, and print where it listens (`make kafka`)."""
    from pipeline.stream import kafka_local

    try:
        broker, started = kafka_local.ensure_running(port=port, say=lambda text: click.echo(text, err=True))
    except kafka_local.KafkaLocalError as exc:
        raise click.ClickException(str(exc)) from exc
    state = "started" if started else "already running"
    click.echo(f"Apache Kafka {kafka_local.KAFKA_VERSION} {state} on {broker.bootstrap} (pid {broker.pid})")
    click.echo(f"data {broker.data_dir}, log {broker.log_path}; stop with `make kafka-stop`")
    click.echo(f"export WIRETALLY_BROKER={broker.url}")


@kafka_group.command(name="stop")
def kafka_stop_command() -> None:
    """Stop the node `wiretally kafka start` started, and delete its data (`make kafka-stop`)."""
    from pipeline.stream import kafka_local

    broker = kafka_local.stop_recorded()
    click.echo(f"stopped Kafka on {broker.bootstrap}" if broker else "no Kafka started by `wiretally kafka start` runs")


@kafka_group.command(name="run", context_settings={"ignore_unknown_options": True})
@click.argument("command", nargs=-1, required=True, type=click.UNPROCESSED)
def kafka_run_command(command: tuple[str, ...]) -> None:
    """Run COMMAND with WIRETALLY_BROKER set to a node of its own, stopped afterwards (`make bench`)."""
    import os
    import subprocess

    from pipeline.stream import kafka_local

    try:
        with kafka_local.kafka_broker(say=lambda text: click.echo(text, err=True)) as broker:
            env = dict(os.environ, WIRETALLY_BROKER=broker.url, WIRETALLY_BROKER_PROFILE="kafka")
            status = subprocess.call(list(command), env=env)
    except kafka_local.KafkaLocalError as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(status)
