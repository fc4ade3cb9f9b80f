"""The `wiretally` command: one click group; every option shows its WIRETALLY_* variable."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from pipeline.evaluation import corpus
from pipeline.settings import Settings, SettingsError, markdown_table

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent  # the repository (seeds/, tests/gold/)


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


def _env_help(text: str, variable: str) -> str:
    return f"{text} [env: WIRETALLY_{variable}]"


def _articles_or_fail(*paths: str | Path) -> list[Any]:
    try:
        return corpus.load_articles([Path(path) for path in paths])
    except (corpus.CorpusError, OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc


# ---- options and arguments shared by several commands ----
_broker_option = click.option("--broker", envvar="WIRETALLY_BROKER", help=_env_help("Kafka URL.", "BROKER"))
_articles_argument = click.argument(
    "articles_path", metavar="ARTICLES.jsonl", type=click.Path(exists=True, dir_okay=False)
)


def _file_option(flag: str, dest: str, default: str, help_text: str | None = None) -> Any:
    """An option naming an existing file, with a default (relative to the working directory)."""
    return click.option(
        flag, dest, default=default, show_default=True, type=click.Path(exists=True, dir_okay=False), help=help_text
    )


def _gold_option(help_text: str) -> Any:
    """--gold: the gold file an eval command scores against (required)."""
    return click.option(
        "--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False), help=help_text
    )


def _benchdata_option(name: str, help_text: str) -> Any:
    """--data: a public benchmark's folder in ../shared/benchdata beside the repository (read there, never copied)."""
    return click.option(
        "--data",
        "data_dir",
        default=lambda: str(ROOT.parent / "shared" / "benchdata" / name),
        show_default=f"../shared/benchdata/{name}",
        type=click.Path(file_okay=False),
        help=help_text,
    )


def _broker_or_fail(broker: str | None, settings: Settings, hint: str = "") -> str:
    """--broker, else WIRETALLY_BROKER, else a ClickException."""
    if not (broker or settings.broker):
        raise click.ClickException(f"no broker: set WIRETALLY_BROKER or --broker{hint}")
    return broker or settings.broker


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
        _run_worker(settings)
    finally:
        if broker is not None:
            broker.stop()


def _run_worker(settings: Settings) -> None:
    import faust
    from kafka.errors import KafkaError

    from pipeline.metrics import Metrics
    from pipeline.stream import app as wiring
    from pipeline.stream import clients

    try:
        problems = clients.ensure_topics(settings.broker, wiring.topic_layout(settings), settings.replication_factor)
    except KafkaError as exc:
        raise click.ClickException(f"cannot reach the broker at {settings.broker}: {exc}") from exc
    if problems:
        raise click.ClickException("; ".join(problems))
    pipeline = wiring.build(settings, Metrics.create())
    faust.Worker(pipeline.app, loglevel=settings.log_level, quiet=True).execute_from_commandline()


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_broker_option
def publish(files: tuple[Path, ...], broker: str | None) -> None:
    """Publish articles (text files, folders of them, or JSONL in the articles shape) to the articles topic."""
    from pipeline.stream import clients

    settings = load_settings()
    url = _broker_or_fail(broker, settings, " (the embedded one lives inside `wiretally worker`)")
    articles = _articles_or_fail(*files)
    sent = clients.publish_articles(settings, url, articles, on_sent=lambda a: click.echo(f"sent {a.id}", err=True))
    click.echo(f"published {sent} articles to {settings.topic('articles')}")


@main.command()
@click.argument("topic")
@_broker_option
@click.option("--follow/--no-follow", default=True, help="Keep waiting for new messages (default) or stop at the end.")
def tail(topic: str, broker: str | None, follow: bool) -> None:
    """Print a topic's messages, decoded, one JSON document per line (TOPIC is a base name like updates)."""
    from pipeline.stream import clients

    settings = load_settings()
    url = _broker_or_fail(broker, settings)
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


def _say(text: str) -> None:
    click.echo(text, err=True)


def _in_workdir(prefix: str, run: Callable[[Path], T], *errors: type[Exception]) -> T:
    """run(a temporary directory); a session error, an OSError or one of `errors` becomes a ClickException."""
    from pipeline.evaluation import runner

    caught: tuple[type[Exception], ...] = (runner.SessionError, OSError, *errors)
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        try:
            return run(Path(tmp))
        except caught as exc:
            raise click.ClickException(str(exc)) from exc


def _run(articles: list, settings: Settings):
    from pipeline.evaluation import runner

    result = _in_workdir(
        "wiretally-",
        lambda workdir: runner.run_articles(
            settings, articles, workdir, on_event=_say, on_progress=_progress_printer(len(articles))
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
    articles = corpus.by_publication(_articles_or_fail(*(paths or (Path("seeds"),))))
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
    articles = corpus.by_publication(_articles_or_fail(*files))
    result = _run(articles, settings)
    for topic, messages in (("updates", result.updates), ("alerts", result.alerts)):
        for message in messages:
            click.echo(json.dumps({"topic": topic, "value": message}, ensure_ascii=False))
    if table_path:
        table_path.write_text(json.dumps(result.table, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        click.echo(f"claims table ({len(result.table)} keys) written to {table_path}", err=True)


# ---- commands added by stage owners go below this line (extract, dedup, eval, bench) ----
# ---- extract (issue 4) ----
def _extractor(claims_only: bool = True) -> Any:
    from pipeline.extract import Extractor, load_nlp

    return Extractor(load_nlp(load_settings().spacy_model), claims_only=claims_only)


@main.command(name="extract")
@_articles_argument
@click.option("--all-quantities", is_flag=True, help="Keep quantities that are not claims (claim filter off).")
def extract_command(articles_path: str, all_quantities: bool) -> None:
    """Print the figure records of each article as JSONL (no broker)."""
    extractor = _extractor(claims_only=not all_quantities)
    for _, figures in extractor.extract_many(_articles_or_fail(articles_path)):
        for figure in figures:
            click.echo(json.dumps(figure.to_message(), ensure_ascii=False))


@eval_group.command(name="extract")
@_gold_option("Gold figures JSONL.")
@_articles_argument
def eval_extract_command(gold_path: str, articles_path: str) -> None:
    """Score extraction: P/R/F1 of value+measure+subject, accuracy of qualifier, speaker, as_of, key grouping."""
    from pipeline.evaluation.extract import evaluate, read_jsonl

    score = evaluate(_extractor(), _articles_or_fail(articles_path), read_jsonl(Path(gold_path)))
    for line in score.lines():
        click.echo(line)


@eval_group.command(name="newsquant")
@_benchdata_option("newsquant", "Directory holding formatted_test_set/NewsQuant.json.")
def eval_newsquant_command(data_dir: str) -> None:
    """Score the quantity layer (claim filter off) on NewsQuant, matching as its score.py does."""
    from pipeline.evaluation.extract import score_newsquant

    path = Path(data_dir) / "formatted_test_set" / "NewsQuant.json"
    if not path.is_file():
        raise click.ClickException(f"{path} not found; pass --data DIR (the newsquant directory of shared/benchdata)")
    data = json.loads(path.read_text(encoding="utf-8"))
    scores = score_newsquant(_extractor(claims_only=False), data)
    click.echo(f"NewsQuant: {len(data)} sentences, {sum(len(i['quantities']) for i in data)} gold quantities")
    for name, (p, r, f) in scores.items():
        click.echo(f"{name:13} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}")


@bench_group.command(name="extract")
@_file_option("--articles", "articles_path", "tests/gold/seeds.articles.jsonl")
@_file_option("--gold", "gold_path", "tests/gold/seeds.figures.jsonl")
@click.option("--repeat", default=5, show_default=True, help="Passes over the articles per path.")
def bench_extract_command(articles_path: str, gold_path: str, repeat: int) -> None:
    """Articles/s of the optimised path vs the naive full-pipeline baseline, and the F1 of each on the gold."""
    from pipeline.evaluation.extract import bench, read_jsonl

    optimised, naive = bench(_extractor(), _articles_or_fail(articles_path), read_jsonl(Path(gold_path)), repeat=repeat)
    for result in (optimised, naive):
        click.echo(f"{result.name:9} {result.articles_per_second:8.1f} articles/s  F1 {100 * result.f1:5.1f}")
    click.echo(f"speed-up  {optimised.articles_per_second / naive.articles_per_second:.1f}x")


# ---- bench e2e / bench all (issue 9) ----
_BENCH_OPTIONS = (
    click.option(
        "--articles",
        "articles",
        default=300,
        show_default=True,
        help="Articles in the full-speed run (seeds, composed gold and their variants).",
    ),
    click.option(
        "--rate", default=10.0, show_default=True, help="Articles/s of the fixed-rate (latency) run and the soak."
    ),
    click.option("--latency-articles", default=200, show_default=True, help="Articles in the fixed-rate run."),
    click.option("--partitions", default=4, show_default=True, help="WIRETALLY_PARTITIONS of the bench topics (>= 2)."),
    click.option("--one-worker", is_flag=True, help="Skip the two-worker run."),
    click.option(
        "--original-dates",
        is_flag=True,
        help="Keep the articles' own dates (a year apart) instead of moving them to the last 26 hours.",
    ),
    click.option(
        "--soak",
        "soak_minutes",
        type=float,
        default=None,
        help="Instead of (e2e) or after (all) the runs: stream at --rate for MINUTES, printing RSS each minute.",
    ),
    click.option(
        "--save-e2e",
        "save_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Also write the end-to-end rows as JSON (for `wiretally bench compare`).",
    ),
    click.option(
        "--profile",
        "profile_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="py-spy record of the one-worker full-speed run (.svg flame graph or .json speedscope).",
    ),
)


def _bench_options(command: Any) -> Any:
    for option in reversed(_BENCH_OPTIONS):
        command = option(command)
    return command


def _bench_e2e_rows(
    articles: int,
    rate: float,
    latency_articles: int,
    partitions: int,
    one_worker: bool,
    profile_path: Path | None,
    original_dates: bool = False,
) -> list[Any]:
    from pipeline.evaluation import bench

    if partitions < 2 and not one_worker:
        raise click.ClickException("--partitions must be >= 2 for the two-worker run")
    config = bench.E2EConfig(
        articles=articles,
        rate=rate,
        latency_articles=latency_articles,
        partitions=partitions,
        two_workers=not one_worker,
        profile_path=profile_path,
        live_clock=not original_dates,
    )
    result = _in_workdir(
        "wiretally-bench-", lambda workdir: bench.run_e2e(load_settings(), workdir, ROOT, config, say=_say)
    )
    if profile_path:
        click.echo(f"profile of the one-worker run written to {profile_path}", err=True)
    return bench.e2e_rows(result)


def _bench_soak_rows(minutes: float, rate: float) -> list[Any]:
    from pipeline.evaluation import bench

    result = _in_workdir(
        "wiretally-soak-",
        lambda workdir: bench.run_soak(load_settings(), workdir, ROOT, minutes, rate, say=_say),
        RuntimeError,
    )
    click.echo(
        f"soak: RSS {'stayed' if result.stable else 'did NOT stay'} within "
        f"{100 * bench.SOAK_TOLERANCE:.0f}% after warm-up (largest drift {100 * result.drift:.1f}%, "
        f"{result.articles} articles)"
    )
    return bench.soak_rows(result)


@bench_group.command(name="e2e")
@_bench_options
def bench_e2e_command(soak_minutes: float | None, save_path: Path | None, **options: Any) -> None:
    """End to end on the configured broker (the embedded one unless WIRETALLY_BROKER_URL names one): throughput,
    latency p50/p95/p99, CPU and RSS per worker, 2 vs 1 workers.

    With --soak MINUTES it runs the soak instead: a fixed-rate stream, RSS printed every minute.
    """
    from pipeline.evaluation import bench

    if soak_minutes is not None:
        rows = _bench_soak_rows(soak_minutes, options["rate"])
    else:
        rows = _bench_e2e_rows(**options)
        _save_rows(save_path, rows)
    click.echo(bench.format_table(rows))


def _save_rows(path: Path | None, rows: list[Any]) -> None:
    from pipeline.evaluation import bench

    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(bench.rows_to_json(rows), indent=1) + "\n")


@bench_group.command(name="compare")
@click.argument("runs", nargs=-1, required=True, metavar="LABEL=ROWS.json...")
def bench_compare_command(runs: tuple[str, ...]) -> None:
    """Rows saved with --save-e2e, side by side: `wiretally bench compare embedded=a.json "Apache Kafka"=b.json`."""
    from pipeline.evaluation import bench

    loaded = []
    for run in runs:
        label, sep, path = run.partition("=")
        if not sep or not label or not path:
            raise click.BadParameter(f"{run!r}: expected LABEL=ROWS.json", param_hint="RUNS")
        try:
            loaded.append((label, bench.rows_from_json(json.loads(Path(path).read_text()))))
        except (OSError, ValueError, TypeError) as exc:
            raise click.ClickException(f"{path}: not rows saved by --save-e2e ({exc})") from exc
    click.echo(bench.format_side_by_side(loaded))


@bench_group.command(name="all")
@_bench_options
@click.pass_context
def bench_all_command(ctx: click.Context, soak_minutes: float | None, save_path: Path | None, **options: Any) -> None:
    """End to end, then extraction vs its naive baseline, then dedup (and the soak with --soak), as one table."""
    from pipeline.evaluation import bench

    rows = _bench_e2e_rows(**options)
    _save_rows(save_path, rows)
    click.echo("extraction: optimised vs naive on the seeds' gold ...", err=True)
    rows += bench.extraction_rows(
        ROOT / "tests/gold/seeds.articles.jsonl", ROOT / "tests/gold/seeds.figures.jsonl", load_settings().spacy_model
    )
    rows += bench.dedup_rows()
    if soak_minutes is not None:
        rows += _bench_soak_rows(soak_minutes, options["rate"])
    click.echo(bench.format_table(rows))
    dedup_command = bench_group.commands.get("dedup")
    if dedup_command is not None and not any(r.name.startswith("dedup") and r.unit for r in rows):
        # No bench_rows hook in eval_dedup yet: run the dedup engineer's command as it is.
        click.echo("\ndedup micro-benchmark (wiretally bench dedup):")
        ctx.invoke(dedup_command)


# ---- dedup (issue 5) ----
def _dedup_settings(threshold: float | None) -> Settings:
    settings = load_settings()
    if threshold is None:
        return settings
    try:
        return settings.replace(story_threshold=threshold)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc


_threshold_option = click.option(
    "--threshold",
    type=float,
    default=None,
    help="Story threshold (TF-IDF cosine) for this run; default WIRETALLY_STORY_THRESHOLD.",
)

_shards_option = click.option(
    "--shards",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Run the index as this many shards, passing messages between them as the stream's partitions do.",
)


@main.command(name="dedup")
@_articles_argument
@_threshold_option
@_shards_option
def dedup_command(articles_path: str, threshold: float | None, shards: int) -> None:
    """Print one dedup verdict per article as JSONL, deciding each using only earlier ones (no broker)."""
    from pipeline.dedup import Deduplicator, Shards

    settings = _dedup_settings(threshold)
    deduplicator = Deduplicator(settings) if shards == 1 else Shards(settings, shards)
    for article in _articles_or_fail(articles_path):
        click.echo(json.dumps(deduplicator.observe(article).to_message(), ensure_ascii=False))


@eval_group.command(name="dedup")
@_gold_option("Gold clusters JSONL (article_id, story_id, duplicate_of, is_new_version).")
@_articles_argument
@_threshold_option
@_shards_option
def eval_dedup_command(gold_path: str, articles_path: str, threshold: float | None, shards: int) -> None:
    """Score dedup: B-cubed and pairwise P/R/F1 of stories, pairwise P/R/F1 of near-verbatim copies, articles/s."""
    from pipeline.evaluation.dedup import evaluate_gold, read_clusters

    try:
        articles = _articles_or_fail(articles_path)
        report = evaluate_gold(articles, read_clusters(Path(gold_path)), _dedup_settings(threshold), shards=shards)
    except (ValueError, KeyError) as exc:
        raise click.ClickException(str(exc)) from exc
    for line in report.lines():
        click.echo(line)


@eval_group.command(name="uci")
@_benchdata_option("uci_news_aggregator_prefix", "Directory holding uci-news-aggregator.prefix.csv.")
@click.option(
    "--threshold",
    type=float,
    default=0.1,
    show_default=True,
    help="Headline-level story threshold (score.py's baseline uses cosine >= 0.10).",
)
@click.option(
    "--boost/--no-boost", default=True, show_default=True, help="Boost name and figure terms (off: plain TF-IDF terms)."
)
@_shards_option
def eval_uci_command(data_dir: str, threshold: float, boost: bool, shards: int) -> None:
    """Stories on the UCI News Aggregator prefix (headlines only), scored like its score.py: pairwise and B-cubed."""
    from pipeline.dedup import DedupParams
    from pipeline.evaluation.dedup import evaluate_uci

    params = DedupParams() if boost else DedupParams(entity_boost=1.0, figure_boost=1.0)
    try:
        report = evaluate_uci(Path(data_dir), _dedup_settings(threshold), params, shards)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in report.lines():
        click.echo(line)


@eval_group.command(name="alerts")
@_gold_option("Gold events JSONL (after_article_id, key, kind, old_value, new_value), as wire_dev's gold_events.jsonl.")
@_articles_argument
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the updates and alerts as JSONL, as `wiretally replay` prints them (score.py alerts reads it).",
)
def eval_alerts_command(gold_path: str, articles_path: str, out_path: Path | None) -> None:
    """Score updates and contradictions offline (ingest, dedup, extract, claims, alerts cores; no broker).

    Articles go in published_at order (ties by id). Prints precision, recall and F1 by kind and
    overall, matching as wire_dev's score.py does, then every false and missed event explained.
    """
    from pipeline.claims import Policy
    from pipeline.dedup import Deduplicator
    from pipeline.evaluation.alerts import published_bytes, read_gold, run_offline, score

    settings = load_settings()
    try:
        gold = read_gold(Path(gold_path))
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{gold_path}: {exc}") from exc
    run = run_offline(
        published_bytes(_articles_or_fail(articles_path)),
        _extractor(),
        Deduplicator(settings),
        Policy.from_settings(settings),
        settings.alert_min_confidence,
        settings.max_article_bytes,
    )
    if out_path is not None:
        out_path.write_text("".join(line + "\n" for line in run.output_lines()), encoding="utf-8")
    for line in score(gold, run.updates, run).lines():
        click.echo(line)


@bench_group.command(name="dedup")
@click.option(
    "--sizes",
    default="10000,100000,1000000",
    show_default=True,
    help="Comma-separated numbers of indexed (synthetic) articles; 1M takes minutes and a few GB.",
)
@_file_option(
    "--articles",
    "articles_path",
    "tests/gold/dedup/articles.jsonl",
    "Real articles looked up (then indexed) at each size.",
)
def bench_dedup_command(sizes: str, articles_path: str) -> None:
    """Near-duplicate lookup cost per article at each index size, and near-dup state bytes per article."""
    from pipeline.evaluation.dedup import bench_lookup

    try:
        counts = [int(size) for size in sizes.split(",") if size.strip()]
    except ValueError as exc:
        raise click.ClickException(f"--sizes must be comma-separated integers, got {sizes!r}") from exc
    if not counts or min(counts) < 0:
        raise click.ClickException("--sizes needs at least one non-negative size")
    for result in bench_lookup(counts, _articles_or_fail(articles_path), load_settings()):
        click.echo(result.line())


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
