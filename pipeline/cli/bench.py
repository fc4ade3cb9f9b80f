"""Benchmarks: extraction against its naive baseline, end to end on a broker, dedup lookup cost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from pipeline.cli.base import (
    ROOT,
    articles_or_fail,
    bench_group,
    file_option,
    in_workdir,
    load_settings,
    make_extractor,
    say,
)


@bench_group.command(name="extract")
@file_option("--articles", "articles_path", "tests/gold/seeds.articles.jsonl")
@file_option("--gold", "gold_path", "tests/gold/seeds.figures.jsonl")
@click.option("--repeat", default=5, show_default=True, help="Passes over the articles per path.")
def bench_extract_command(articles_path: str, gold_path: str, repeat: int) -> None:
    """Articles/s of the optimised path vs the naive full-pipeline baseline, and the F1 of each on the gold."""
    from pipeline.evaluation.extract import bench, read_jsonl

    optimised, naive = bench(
        make_extractor(), articles_or_fail(articles_path), read_jsonl(Path(gold_path)), repeat=repeat
    )
    for result in (optimised, naive):
        click.echo(f"{result.name:9} {result.articles_per_second:8.1f} articles/s  F1 {100 * result.f1:5.1f}")
    click.echo(f"speed-up  {optimised.articles_per_second / naive.articles_per_second:.1f}x")


# ---- end to end (bench e2e, bench all, bench compare) ----
SOAK_RATE = 10.0  # articles/s of the soak unless --rate says otherwise
_BENCH_OPTIONS = (
    click.option(
        "--articles",
        "articles",
        default=300,
        show_default=True,
        help="Articles in the full-speed run (seeds, composed gold and their variants).",
    ),
    click.option(
        "--rate",
        type=float,
        default=None,
        help="Articles/s of the fixed-rate (latency) run [default: half the one-worker rate just measured] "
        f"and of the soak [default: {SOAK_RATE:g}].",
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
    rate: float | None,
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
    result = in_workdir(
        "wiretally-bench-", lambda workdir: bench.run_e2e(load_settings(), workdir, ROOT, config, say=say)
    )
    if profile_path:
        click.echo(f"profile of the one-worker run written to {profile_path}", err=True)
    return bench.e2e_rows(result)


def _bench_soak_rows(minutes: float, rate: float | None) -> list[Any]:
    from pipeline.evaluation import bench

    result = in_workdir(
        "wiretally-soak-",
        lambda workdir: bench.run_soak(load_settings(), workdir, ROOT, minutes, rate or SOAK_RATE, say=say),
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
    """End to end on the configured broker (the embedded one unless WIRETALLY_BROKER names one): throughput,
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


@bench_group.command(name="dedup")
@click.option(
    "--sizes",
    default="10000,100000,1000000",
    show_default=True,
    help="Comma-separated numbers of indexed (synthetic) articles; 1M takes minutes and a few GB.",
)
@file_option(
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
    for result in bench_lookup(counts, articles_or_fail(articles_path), load_settings()):
        click.echo(result.line())


@bench_group.command(name="growth")
@click.option(
    "--articles",
    default=10_000,
    show_default=True,
    help="Articles whose figures are fed (100,000 is a heavy day for a large aggregator; see the rate printed).",
)
@click.option("--reports-per-key", default=5, show_default=True, help="Reports of each story (claims per key).")
@click.option(
    "--store",
    type=click.Choice(["rocksdb", "memory"]),
    default="rocksdb",
    show_default=True,
    help="WIRETALLY_STORE of the worker (memory: to see RSS grow with the keys).",
)
def bench_growth_command(articles: int, reports_per_key: int, store: str) -> None:
    """State as the news accumulates: claims bytes per key on disk, worker RSS, restart-to-ready with local
    state and from the changelog only, at half and at all of --articles, with the two verdicts.

    The figures go straight to the `figures` topic (synthetic, shaped as the extractor's): the claims
    table grows with the figures it receives, and extraction (about 30 articles/s alone, 10 end to end)
    would make 10,000 articles take 15-25 minutes. Restart-to-ready includes loading spaCy (its floor).
    """
    from pipeline.evaluation import bench
    from pipeline.evaluation.bench.growth import growth_rows, run_growth

    if articles < 2 or reports_per_key < 1:
        raise click.UsageError("--articles must be at least 2 and --reports-per-key at least 1")
    settings = load_settings().replace(store=store)
    result = in_workdir(
        "wiretally-growth-",
        lambda workdir: run_growth(settings, workdir, articles, reports_per_key, say=say),
        RuntimeError,
    )
    click.echo(bench.format_table(growth_rows(result)))
