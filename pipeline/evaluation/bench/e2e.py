"""End to end through the embedded broker and real workers: throughput, latency, CPU, RSS, 2 vs 1 workers.

Latency is measured client-side per article, from the article record's CreateTime (the
producer's timestamp, which the worker also takes as `received_at`) to the CreateTime of the
article's last record on `figures` (stamped by the worker's producer when extraction sends it).
Both clocks are this host's. Classification in the claims stage follows within milliseconds and is
not included; articles that yield no figure have no end point and are counted, not timed.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline.evaluation.bench.harness import fresh_session, start_harness, worker_histogram_p99
from pipeline.evaluation.bench.process import tree_cpu_seconds, tree_memory_bytes
from pipeline.evaluation.bench.report import Row
from pipeline.evaluation.bench.stats import percentile
from pipeline.evaluation.bench.targets import TARGET_P99_SECONDS, TARGET_RSS_BYTES, TARGET_SCALING, TARGET_THROUGHPUT
from pipeline.evaluation.bench.variants import live_bases, load_bases, make_corpus
from pipeline.ingest import Article
from pipeline.settings import Settings


@dataclass(frozen=True)
class ThroughputResult:
    """One full-speed run."""

    workers: int
    articles: int
    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    per_worker_extracted: tuple[int, ...]
    load_average: float  # the host's 1-minute load average at the end of the run
    dead_lettered: int = 0

    @property
    def cpu_seconds_per_article(self) -> float:
        """Worker CPU seconds (all workers) per article."""
        return self.cpu_seconds / self.articles if self.articles else math.nan

    @property
    def articles_per_second(self) -> float:
        """Articles per second, first publish to all processed."""
        return self.articles / self.seconds if self.seconds else math.nan


@dataclass(frozen=True)
class LatencyResult:
    """One fixed-rate run: per-article publish-to-last-figure latencies."""

    rate: float
    articles: int
    latencies_seconds: tuple[float, ...]
    worker_histogram_p99_seconds: float

    def quantile_seconds(self, q: float) -> float:
        """A percentile (0-100) of the latencies."""
        return percentile(self.latencies_seconds, q)


@dataclass(frozen=True)
class E2EConfig:
    """What the end-to-end benchmark runs."""

    articles: int = 300
    warmup_articles: int = 25
    rate: float = 10.0
    latency_articles: int = 200
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
            cpu_before = sum(tree_cpu_seconds(pid) for pid in harness.worker_pids)
            extracted_before = harness.extracted_per_worker()
            rejected_before = session.status().get("articles_rejected", 0)
            figures_before = harness.watcher.snapshot()[0]
            profiler = _start_profiler(harness.worker_pids[0], config.profile_path) if workers == 1 else None
            seconds = harness.run(articles)
            if profiler is not None:
                _stop_profiler(profiler, say)
            cpu = sum(tree_cpu_seconds(pid) for pid in harness.worker_pids) - cpu_before
            figures_per_article = (harness.watcher.snapshot()[0] - figures_before) / len(articles)
            result = ThroughputResult(
                workers=workers,
                articles=len(articles),
                seconds=seconds,
                cpu_seconds=cpu,
                peak_rss_bytes=max(tree_memory_bytes(pid)[1] for pid in harness.worker_pids),
                per_worker_extracted=tuple(
                    b - a for a, b in zip(extracted_before, harness.extracted_per_worker(), strict=True)
                ),
                load_average=os.getloadavg()[0],
                dead_lettered=session.status().get("articles_rejected", 0) - rejected_before,
            )
            say(f"{workers} worker(s): {result.articles_per_second:.1f} articles/s")
            latency = None
            if workers == 1:
                paced = make_corpus(bases, config.latency_articles, config.seed + 1, "-paced")
                say(f"1 worker: publishing {len(paced)} articles at {config.rate:g}/s for latency")
                harness.run(paced, rate=config.rate)
                latency = LatencyResult(
                    config.rate, len(paced), tuple(harness.latencies(paced)), worker_histogram_p99(session.workers[0])
                )
                result = replace(result, peak_rss_bytes=tree_memory_bytes(harness.worker_pids[0])[1])
            return result, latency, figures_per_article
        finally:
            harness.close()


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
    """One worker (full speed, then fixed rate), then two workers (full speed)."""
    bases = live_bases(root) if config.live_clock else load_bases(root)
    one, latency, figures_per_article = throughput_run(settings, workdir, bases, config, 1, say)
    assert latency is not None
    two = throughput_run(settings, workdir, bases, config, 2, say)[0] if config.two_workers else None
    return E2EResult(one, latency, two, config.articles, figures_per_article, config.partitions)


def e2e_rows(result: E2EResult) -> list[Row]:
    """The end-to-end measurements as table rows with their targets."""
    one, lat = result.one, result.latency
    timed = len(lat.latencies_seconds)
    rows = [
        Row(
            "throughput, 1 worker",
            one.articles_per_second,
            "articles/s",
            TARGET_THROUGHPUT,
            note=f"{one.articles} articles ({result.figures_per_article:.1f} figures each) in {one.seconds:.1f} s; "
            f"{one.dead_lettered} dead-lettered; host load average {one.load_average:.1f} "
            f"on {os.cpu_count()} cores",
        ),
        Row(
            "CPU-bound ceiling, 1 worker",
            1 / one.cpu_seconds_per_article,
            "articles/s",
            note="1 / worker CPU per article: the rate on one uncontended core",
        ),
        Row(
            f"latency p50 @ {lat.rate:g}/s",
            1000 * lat.quantile_seconds(50),
            "ms",
            note=f"publish -> last figure; {timed}/{lat.articles} articles had figures",
        ),
        Row(f"latency p95 @ {lat.rate:g}/s", 1000 * lat.quantile_seconds(95), "ms"),
        Row(
            f"latency p99 @ {lat.rate:g}/s",
            1000 * lat.quantile_seconds(99),
            "ms",
            1000 * TARGET_P99_SECONDS,
            higher_is_better=False,
            note=f"worker histogram p99 (updates only): {1000 * lat.worker_histogram_p99_seconds:.0f} ms",
        ),
        Row(
            "worker CPU per article",
            1000 * one.cpu_seconds_per_article,
            "ms",
            note="utime+stime of the worker and its extraction processes / articles, full-speed run",
        ),
        Row(
            "worker peak RSS",
            one.peak_rss_bytes / 2**20,
            "MB",
            TARGET_RSS_BYTES / 2**20,
            higher_is_better=False,
            note="VmHWM of the worker and its extraction processes, summed, spaCy loaded, after both runs",
        ),
    ]
    if result.two is not None:
        two = result.two
        rows += [
            Row(
                "throughput, 2 workers",
                two.articles_per_second,
                "articles/s",
                note="extracted per worker: "
                + "/".join(map(str, two.per_worker_extracted))
                + f"; CPU {1000 * two.cpu_seconds_per_article:.0f} ms/article; load {two.load_average:.1f}",
            ),
            Row(
                "2 workers / 1 worker",
                two.articles_per_second / one.articles_per_second,
                "x",
                TARGET_SCALING,
                note=f"WIRETALLY_PARTITIONS={result.partitions}; broker and client share the 2 cores",
            ),
        ]
    return rows
