"""Running the pipeline: the worker, publishing and tailing topics, the demo and a replay."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipeline.cli.base import (
    articles_or_fail,
    broker_option,
    broker_or_fail,
    in_workdir,
    load_settings,
    main,
    say,
)
from pipeline.evaluation import corpus
from pipeline.settings import Settings


@main.command()
def worker() -> None:
    """Run a worker: all five stages, the claims table and the web server (/metrics, /claims, /).

    With no WIRETALLY_BROKER it starts the embedded broker and stops it on exit. It creates the
    topics it needs, and refuses to start when existing ones have the wrong partition count.
    """
    from pipeline.stream import logs
    from pipeline.stream.broker import BrokerError, start_embedded

    settings = load_settings()
    logs.configure(settings.log_level)
    broker = None
    if settings.embedded:
        try:
            broker = start_embedded()
        except BrokerError as exc:
            raise click.ClickException(str(exc)) from exc
        profile = "tansu" if settings.broker_profile == "auto" else settings.broker_profile
        settings = settings.replace(broker=broker.url, broker_profile=profile)
        click.echo(f"embedded broker at {broker.url} (memory only: its topics end with this process)", err=True)
    try:
        _run_worker(settings, new_broker=broker is not None)
    finally:
        if broker is not None:
            broker.stop()


def _run_worker(settings: Settings, new_broker: bool) -> None:
    import faust
    from kafka.errors import KafkaError

    from pipeline.metrics import Metrics
    from pipeline.stream import app as wiring
    from pipeline.stream import clients, stores

    try:
        problems = clients.ensure_topics(settings.broker, wiring.topic_layout(settings), settings.replication_factor)
    except KafkaError as exc:
        raise click.ClickException(f"cannot reach the broker at {settings.broker}: {exc}") from exc
    if problems:
        raise click.ClickException("; ".join(problems))
    marker = stores.prepare_local_state(settings, discard=new_broker) if settings.store == "rocksdb" else None
    pipeline = wiring.build(settings, Metrics.create())
    try:
        faust.Worker(pipeline.app, loglevel=settings.log_level, quiet=True).execute_from_commandline()
    except SystemExit as exc:
        if marker is not None and exc.code in (0, None):
            marker.unlink(missing_ok=True)  # a clean stop: the local tables match their changelogs
        raise


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@broker_option
def publish(files: tuple[Path, ...], broker: str | None) -> None:
    """Publish articles (text files, folders of them, or JSONL in the articles shape) to the articles topic."""
    from pipeline.stream import clients

    settings = load_settings()
    url = broker_or_fail(broker, settings, " (the embedded one lives inside `wiretally worker`)")
    articles = articles_or_fail(*files)
    sent = clients.publish_articles(settings, url, articles, on_sent=lambda a: click.echo(f"sent {a.id}", err=True))
    click.echo(f"published {sent} articles to {settings.topic('articles')}")


@main.command()
@click.argument("topic")
@broker_option
@click.option("--follow/--no-follow", default=True, help="Keep waiting for new messages (default) or stop at the end.")
def tail(topic: str, broker: str | None, follow: bool) -> None:
    """Print a topic's messages, decoded, one JSON document per line (TOPIC is a base name like updates)."""
    from pipeline.stream import clients

    settings = load_settings()
    url = broker_or_fail(broker, settings)
    try:
        for record in clients.iter_topic(url, settings.topic(topic), follow=follow):
            value = {"partition": record.partition, "offset": record.offset, "key": record.key, "value": record.value}
            click.echo(json.dumps(value, ensure_ascii=False))
    except KeyboardInterrupt:
        pass


def _progress_printer(total: int):
    """A progress callback: one line, rewritten in place on a terminal, a new line per change elsewhere."""
    last: list[str] = []
    interactive = sys.stderr.isatty()

    def show(counts: dict[str, int]) -> None:
        done = counts.get("articles_extracted", 0) + counts.get("articles_rejected", 0)
        line = (
            f"  processed {min(done, total)}/{total} articles, {counts.get('figures_classified', 0)} figures, "
            f"{counts.get('updates_emitted', 0)} updates"
        )
        if last and last[-1] == line:
            return
        last.append(line)
        click.echo(f"\r{line}" if interactive else line, nl=not interactive, err=True)

    return show


def _run(articles: list, settings: Settings):
    from pipeline.evaluation import runner

    result = in_workdir(
        "wiretally-",
        lambda workdir: runner.run_articles(
            settings, articles, workdir, on_event=say, on_progress=_progress_printer(len(articles))
        ),
    )
    click.echo("", err=True)
    return result


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def demo(paths: tuple[Path, ...]) -> None:
    """Run the whole pipeline on the embedded broker over seeds/ and print the claims table and alerts."""
    from pipeline import alerts as alert_stage
    from pipeline.dedup import render_stories

    settings = load_settings()
    articles = corpus.by_publication(articles_or_fail(*(paths or (Path("seeds"),))))
    result = _run(articles, settings)
    stories = render_stories(result.deduped)
    click.echo(f"Stories ({len(stories)}: articles, independent outlets, copies):")
    for line in stories:
        click.echo("  " + line)
    click.echo("")
    click.echo(f"Claims table ({len(result.table)} keys: latest claim, sources, earlier values):")
    click.echo(alert_stage.render_table(result.table))
    click.echo("")
    click.echo(f"Updates and contradictions ({len(result.updates)}):")
    for update in result.updates:
        click.echo("  " + alert_stage.render_update(update))
    click.echo(f"Alerts ({len(result.alerts)}):")
    for alert in result.alerts:
        click.echo(f"  [{alert['severity']}] {alert['summary']}")
    if result.dead_letters:
        click.echo(f"Dead letters ({len(result.dead_letters)}):")
        for dead in result.dead_letters:
            click.echo(f"  {dead['id']}: {dead['reason']}: {dead['detail']}")
    click.echo(f"\ndone in {result.elapsed_seconds:.1f} s (worker ready in {result.ready_seconds:.1f} s)", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--table",
    "table_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the final claims table here (JSON).",
)
def replay(files: tuple[Path, ...], table_path: Path | None) -> None:
    """Run articles through the whole pipeline in published_at order; print every update and alert as JSONL.

    Uses the embedded broker unless WIRETALLY_BROKER is set. Each output line is
    {"topic": "updates"|"alerts", "value": {...}}.
    """
    settings = load_settings()
    if settings.broker:
        from pipeline.evaluation.runner import fresh_prefix

        # A configured broker may hold other data: replay into topics of its own.
        settings = settings.replace(
            topic_prefix=settings.topic_prefix + fresh_prefix(),
            app_id=f"{settings.app_id}-replay-{fresh_prefix().strip('.')}",
        )
    articles = corpus.by_publication(articles_or_fail(*files))
    result = _run(articles, settings)
    for topic, messages in (("updates", result.updates), ("alerts", result.alerts)):
        for message in messages:
            click.echo(json.dumps({"topic": topic, "value": message}, ensure_ascii=False))
    if table_path:
        table_path.write_text(json.dumps(result.table, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        click.echo(f"claims table ({len(result.table)} keys) written to {table_path}", err=True)
