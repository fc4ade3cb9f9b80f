"""End to end through the embedded broker and real workers: throughput, latency, CPU, RSS, 2 vs 1 workers.

The run first measures the extractor alone on the same corpus (one core, in the bench's process):
the limit extraction sets, against which the one-worker rate is judged. The one-worker full-speed
run measures the capacity; the latency run then publishes at a steady half of it.

Latency is measured two ways. Client-side per article, from the article record's CreateTime (the
producer's timestamp, which the worker also takes as `received_at`) to the CreateTime of the
article's last record on `figures` (stamped by the worker's producer when extraction sends it);
articles that yield no figure have no end point and are counted, not timed. And publish -> update,
from the worker's histogram (received_at to the update's send), the buckets read before and after
the latency run so that only its updates count. Both clocks are this host's.

Worker CPU is split by process: the extraction processes (the pool, its forkserver) and the rest
(the worker's own process: Faust, the broker clients, dedup, claims, alerts, serialization).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline.evaluation.bench.harness import bucket_difference, fresh_session, start_harness, worker_latency_buckets
from pipeline.evaluation.bench.process import cpu_seconds, tree_cpu_seconds, tree_memory_bytes
from pipeline.evaluation.bench.report import Row
from pipeline.evaluation.bench.stages import ExtractionOnly, Rates, extraction_only
from pipeline.evaluation.bench.stats import histogram_quantile, percentile
from pipeline.evaluation.bench.targets import (
    LATENCY_LOAD,
    SCALING_CORES,
    TARGET_OF_EXTRACTION,
    TARGET_P99_SECONDS,
    TARGET_RSS_BYTES,
    TARGET_SCALING,
    TARGET_THROUGHPUT,
)
from pipeline.evaluation.bench.variants import live_bases, load_bases, make_corpus
from pipeline.ingest import Article
from pipeline.settings import Settings


@dataclass(frozen=True)
class ThroughputResult(Rates):
    """One full-speed run (its rates: the workers' CPU, first publish to all processed)."""

    workers: int
    articles: int
    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    per_worker_extracted: tuple[int, ...]
    load_average: float  # the host's 1-minute load average at the end of the run
    dead_lettered: int = 0
    own_cpu_seconds: tuple[float, ...] = ()  # each worker's own process, without its extraction processes
    tree_cpu_seconds: tuple[float, ...] = ()  # each worker with its extraction processes
    broker_cpu_seconds: float = math.nan  # the embedded broker's, when the session started one

    @property
    def extraction_cpu_seconds(self) -> float:
        """CPU seconds of the extraction processes (all workers)."""
        return self.cpu_seconds - sum(self.own_cpu_seconds) if self.own_cpu_seconds else math.nan

    @property
    def busy_cores(self) -> float:
        """Cores the workers kept busy on average: their CPU seconds per wall-clock second."""
        return self.cpu_seconds / self.seconds if self.seconds else math.nan

    @property
    def per_busy_core(self) -> float:
        """Articles per second per busy worker core (= 1 / worker CPU per article)."""
        return self.articles / self.cpu_seconds if self.cpu_seconds else math.nan


@dataclass(frozen=True)
class LatencyResult:
    """One fixed-rate run: per-article publish-to-last-figure latencies."""

    rate: float
    articles: int
    latencies_seconds: tuple[float, ...]
    update_buckets: tuple[tuple[float, float], ...] = ()  # the worker's publish -> update histogram, this run only

    def quantile_seconds(self, q: float) -> float:
        """A percentile (0-100) of the latencies."""
        return percentile(self.latencies_seconds, q)

    def update_quantile_seconds(self, q: float) -> float:
        """A quantile (0-100) of publish -> update from the worker's histogram (interpolated within a bucket)."""
        return histogram_quantile(self.update_buckets, q / 100.0)

    @property
    def updates(self) -> int:
        """Updates the worker sent during the run."""
        return int(self.update_buckets[-1][1]) if self.update_buckets else 0


@dataclass(frozen=True)
class E2EConfig:
    """What the end-to-end benchmark runs."""

    articles: int = 300
    warmup_articles: int = 25
    rate: float | None = None  # of the latency run; None: LATENCY_LOAD of the one-worker rate just measured
    latency_articles: int = 200
    extraction_articles: int = 100  # of the corpus, extracted alone first (about 3 s)
    partitions: int = 4
    seed: int = 2026
    two_workers: bool = True
    live_clock: bool = True  # restamp the bases to the last 26 hours (see restamp)
    profile_path: Path | None = None  # py-spy record of the one-worker full-speed run


@dataclass(frozen=True)
class E2EResult:
    """Everything the end-to-end benchmark measured."""

    one: ThroughputResult
    latency: LatencyResult
    two: ThroughputResult | None
    corpus_size: int
    figures_per_article: float
    partitions: int
    extraction: ExtractionOnly | None = None
    cores: int = 0  # os.cpu_count() of the host


def throughput_run(
    settings: Settings,
    workdir: Path,
    bases: Sequence[Article],
    config: E2EConfig,
    workers: int,
    say: Callable[[str], None],
) -> tuple[ThroughputResult, LatencyResult | None, float]:
    """One session with `workers` workers: warm-up, full-speed run, then (one worker) the fixed-rate run."""
    with fresh_session(settings.replace(partitions=config.partitions), workdir / f"workers-{workers}") as session:
        say(f"{workers} worker(s): starting (spaCy load, group join) ...")
        harness = start_harness(session, workers)
        try:
            harness.run(make_corpus(bases, config.warmup_articles, config.seed + 99, "-warm"))
            say(f"{workers} worker(s): warm; publishing {config.articles} articles at full speed")
            articles = make_corpus(bases, config.articles, config.seed)
            own_before = [cpu_seconds(pid) for pid in harness.worker_pids]
            tree_before = [tree_cpu_seconds(pid) for pid in harness.worker_pids]
            broker_before = _broker_cpu_seconds(session)
            extracted_before = harness.extracted_per_worker()
            rejected_before = session.status().get("articles_rejected", 0)
            figures_before = harness.watcher.snapshot()[0]
            profiler = _start_profiler(harness.worker_pids[0], config.profile_path) if workers == 1 else None
            seconds = harness.run(articles)
            if profiler is not None:
                _stop_profiler(profiler, say)
            own = tuple(cpu_seconds(pid) - b for pid, b in zip(harness.worker_pids, own_before, strict=True))
            tree = tuple(tree_cpu_seconds(pid) - b for pid, b in zip(harness.worker_pids, tree_before, strict=True))
            figures_per_article = (harness.watcher.snapshot()[0] - figures_before) / len(articles)
            result = ThroughputResult(
                workers=workers,
                articles=len(articles),
                seconds=seconds,
                cpu_seconds=sum(tree),
                peak_rss_bytes=max(tree_memory_bytes(pid)[1] for pid in harness.worker_pids),
                per_worker_extracted=tuple(
                    b - a for a, b in zip(extracted_before, harness.extracted_per_worker(), strict=True)
                ),
                load_average=os.getloadavg()[0],
                dead_lettered=session.status().get("articles_rejected", 0) - rejected_before,
                own_cpu_seconds=own,
                tree_cpu_seconds=tree,
                broker_cpu_seconds=_broker_cpu_seconds(session) - broker_before,
            )
            say(f"{workers} worker(s): {result.articles_per_second:.1f} articles/s")
            latency = None
            if workers == 1:
                rate = config.rate or round(LATENCY_LOAD * result.articles_per_second, 2)
                paced = make_corpus(bases, config.latency_articles, config.seed + 1, "-paced")
                say(f"1 worker: publishing {len(paced)} articles at a steady {rate:g}/s for latency")
                before = worker_latency_buckets(session.workers[0])
                harness.run(paced, rate=rate)
                buckets = bucket_difference(worker_latency_buckets(session.workers[0]), before)
                latency = LatencyResult(rate, len(paced), tuple(harness.latencies(paced)), tuple(buckets))
                result = replace(result, peak_rss_bytes=tree_memory_bytes(harness.worker_pids[0])[1])
            return result, latency, figures_per_article
        finally:
            harness.close()


def _broker_cpu_seconds(session: Any) -> float:
    """CPU seconds of the embedded broker so far; NaN on a broker the session did not start."""
    broker = getattr(session, "broker", None)
    return tree_cpu_seconds(broker.pid) if broker is not None else math.nan


def _start_profiler(pid: int, path: Path | None) -> Any:
    import shutil
    import subprocess
    import sys

    if path is None:
        return None
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(py_spy).exists():
        return None
    fmt = "speedscope" if path.suffix == ".json" else "flamegraph"
    return subprocess.Popen(
        [py_spy, "record", "--pid", str(pid), "--output", str(path), "--format", fmt, "--rate", "100", "--threads"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _stop_profiler(process: Any, say: Callable[[str], None]) -> None:
    import signal

    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=60)
    except Exception:  # the profile is optional: never fail the benchmark over it
        process.kill()
        return
    if process.returncode not in (0, None):
        say(f"py-spy failed: {err.decode(errors='replace')[-300:]}")


def run_e2e(
    settings: Settings, workdir: Path, root: Path, config: E2EConfig, say: Callable[[str], None] = lambda text: None
) -> E2EResult:
    """Extraction alone, then one worker (full speed, then a steady half of its rate), then two workers (full speed)."""
    bases = live_bases(root) if config.live_clock else load_bases(root)
    extraction = None
    if config.extraction_articles:
        say(f"extraction alone: {config.extraction_articles} articles of the corpus, one core ...")
        extraction = extraction_only(make_corpus(bases, config.extraction_articles, config.seed), settings)
        say(f"extraction alone: {extraction.articles_per_second:.1f} articles/s")
    one, latency, figures_per_article = throughput_run(settings, workdir, bases, config, 1, say)
    assert latency is not None
    two = throughput_run(settings, workdir, bases, config, 2, say)[0] if config.two_workers else None
    return E2EResult(
        one, latency, two, config.articles, figures_per_article, config.partitions, extraction, os.cpu_count() or 1
    )


def e2e_rows(result: E2EResult) -> list[Row]:
    """The end-to-end measurements as table rows with their targets."""
    return [*_throughput_rows(result), *_latency_rows(result), *_cpu_rows(result), *_scaling_rows(result)]


def _throughput_rows(result: E2EResult) -> list[Row]:
    one, extraction = result.one, result.extraction
    rows = [
        Row(
            "throughput, 1 worker",
            one.articles_per_second,
            "articles/s",
            TARGET_THROUGHPUT,
            note=f"{one.articles} articles ({result.figures_per_article:.1f} figures each) in {one.seconds:.1f} s; "
            f"{one.dead_lettered} dead-lettered; host load average {one.load_average:.1f} "
            f"on {result.cores or os.cpu_count()} cores",
        ),
    ]
    if extraction is not None:
        rows += [
            Row(
                "extraction alone, 1 core",
                extraction.articles_per_second,
                "articles/s",
                note=f"the same corpus, {extraction.articles} articles, in the bench's process: "
                f"{1000 * extraction.cpu_seconds_per_article:.0f} ms CPU each",
            ),
            Row(
                "1 worker / extraction alone",
                100 * one.articles_per_second / extraction.articles_per_second,
                "%",
                100 * TARGET_OF_EXTRACTION,
                note="the end-to-end rate against the limit its extractor sets, measured in this run",
            ),
        ]
    return rows


def _latency_rows(result: E2EResult) -> list[Row]:
    lat = result.latency
    timed = len(lat.latencies_seconds)
    load = f"{lat.rate:.3g} articles/s, {100 * lat.rate / result.one.articles_per_second:.0f}% of the measured capacity"
    return [
        Row(
            "publish -> update p50, half capacity",
            1000 * lat.update_quantile_seconds(50),
            "ms",
            note=f"at a steady {load}; the worker's histogram, {lat.updates} updates (interpolated in its buckets)",
        ),
        Row(
            "publish -> update p99, half capacity",
            1000 * lat.update_quantile_seconds(99),
            "ms",
            1000 * TARGET_P99_SECONDS,
            higher_is_better=False,
            note="buckets 100, 200, 300, 500 ms: a p99 between two bounds is interpolated",
        ),
        Row(
            "publish -> last figure p50, half capacity",
            1000 * lat.quantile_seconds(50),
            "ms",
            note=f"per article, client-side; {timed}/{lat.articles} articles had figures",
        ),
        Row("publish -> last figure p99, half capacity", 1000 * lat.quantile_seconds(99), "ms"),
    ]


def _cpu_rows(result: E2EResult) -> list[Row]:
    one = result.one
    per_article = one.cpu_seconds_per_article
    extraction_ms = 1000 * one.extraction_cpu_seconds / one.articles
    rest_ms = 1000 * per_article - extraction_ms
    rows = [
        Row(
            "worker CPU per article",
            1000 * per_article,
            "ms",
            note="utime+stime of the worker and its extraction processes / articles, full-speed run",
        ),
        Row(
            "  extraction",
            extraction_ms,
            "ms",
            note="the extraction processes (spaCy and the figure readers, the articles and figures pickled across)",
        ),
        Row(
            "  the rest",
            rest_ms,
            "ms",
            note="the worker's own process: Faust, the broker clients, dedup, claims, alerts, JSON",
        ),
        Row(
            "embedded broker CPU per article",
            1000 * one.broker_cpu_seconds / one.articles,
            "ms",
            note="Tansu, on the same cores; its profile takes one produce request per record "
            "(outputs and every table changelog write)",
        ),
        Row(
            "worker peak RSS",
            one.peak_rss_bytes / 2**20,
            "MB",
            TARGET_RSS_BYTES / 2**20,
            higher_is_better=False,
            note="VmHWM of the worker and its extraction processes, summed, spaCy loaded, after both runs",
        ),
        Row(
            "rate per busy worker core, 1 worker",
            one.per_busy_core,
            "articles/s",
            TARGET_THROUGHPUT,
            note=_goal_note(result, extraction_ms, rest_ms),
        ),
    ]
    return rows


def _goal_note(result: E2EResult, extraction_ms: float, rest_ms: float) -> str:
    """How far the design is from 40 articles/s per core, and what would close the rest."""
    budget_ms = 1000 / TARGET_THROUGHPUT
    note = (
        f"the product's goal: {TARGET_THROUGHPUT:g}/s per core is {budget_ms:.0f} ms per article; "
        f"extraction takes {extraction_ms:.0f} ms and the rest {rest_ms:.0f} ms"
    )
    if extraction_ms >= budget_ms:
        return note + "; extraction alone is over the budget, so the goal needs a faster extractor first"
    return note + f"; the rest must fit in {budget_ms - extraction_ms:.0f} ms"


def _per_process(run: ThroughputResult) -> str:
    if not run.own_cpu_seconds:
        return "not split by process"
    parts = []
    for index, (own, tree, extracted) in enumerate(
        zip(run.own_cpu_seconds, run.tree_cpu_seconds, run.per_worker_extracted, strict=True)
    ):
        if extracted:
            parts.append(
                f"worker {index + 1}: {1000 * own / extracted:.0f} ms own + "
                f"{1000 * (tree - own) / extracted:.0f} ms extraction over {extracted} articles"
            )
    return "; ".join(parts)


def _scaling_rows(result: E2EResult) -> list[Row]:
    one, two = result.one, result.two
    cores = result.cores or os.cpu_count() or 1
    rows = [
        Row(
            "CPU per article per process, 1 worker",
            1000 * one.cpu_seconds_per_article,
            "ms",
            note=_per_process(one) + f"; {one.busy_cores:.2f} cores busy",
        ),
    ]
    if two is None:
        return rows
    # Two workers need a core each, and the broker and the publisher one more: fewer cores than that
    # cannot double the rate, and the rate per busy core judges the scaling instead.
    allowed = cores >= SCALING_CORES
    rows += [
        Row(
            "throughput, 2 workers",
            two.articles_per_second,
            "articles/s",
            note="extracted per worker: "
            + "/".join(map(str, two.per_worker_extracted))
            + f"; load {two.load_average:.1f}",
        ),
        Row(
            "2 workers / 1 worker",
            two.articles_per_second / one.articles_per_second,
            "x",
            TARGET_SCALING if allowed else None,
            note=f"WIRETALLY_PARTITIONS={result.partitions}; "
            + (
                "the host's cores allow it"
                if allowed
                else f"not judged on {cores} cores (two workers, the broker and the publisher need {SCALING_CORES}): "
                "see the rate per busy core"
            ),
        ),
        Row(
            "CPU per article per process, 2 workers",
            1000 * two.cpu_seconds_per_article,
            "ms",
            note=_per_process(two) + f"; {two.busy_cores:.2f} cores busy",
        ),
        Row(
            "rate per busy worker core, 2 workers",
            two.per_busy_core,
            "articles/s",
            note=f"1 worker: {one.per_busy_core:.1f}/s per busy core",
        ),
        Row(
            "2 workers / 1 worker, per busy core",
            100 * two.per_busy_core / one.per_busy_core,
            "%",
            100 * TARGET_SCALING / 2,
            note=f"{TARGET_SCALING:g}x on two cores needs each core to keep {50 * TARGET_SCALING:.0f}% of one "
            "worker's rate per core: what two workers cost in messages between them",
        ),
    ]
    return rows
