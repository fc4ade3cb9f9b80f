"""End-to-end benchmark and soak: a realistic stream through the embedded broker and real workers.

The pure parts (corpus generator, percentiles, /proc parsing, verdicts, the table) take values and
return values; the run functions drive a `runner.Session` and return numbers. `wiretally bench e2e`
and `wiretally bench all` print them.

Latency is measured client-side per article, from the article record's CreateTime (the
producer's timestamp, which the worker also takes as `received_at`) to the CreateTime of the
article's last record on `figures` (stamped by the worker's producer when extraction sends it).
Both clocks are this host's. Classification in the claims stage follows within milliseconds and is
not included; articles that yield no figure have no end point and are counted, not timed.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from pipeline.evaluation import corpus
from pipeline.evaluation.runner import SessionError
from pipeline.ingest import Article
from pipeline.settings import Settings

# ---- targets (one worker core unless said otherwise) ----
TARGET_THROUGHPUT = 40.0  # articles/s end to end
TARGET_P99_SECONDS = 0.300  # at 10 articles/s
TARGET_EXTRACT_SPEEDUP = 4.0  # optimised vs naive, at equal F1
TARGET_RSS_BYTES = 400 * 2**20  # with the spaCy model loaded
TARGET_SCALING = 1.7  # two workers on two cores vs one
SOAK_TOLERANCE = 0.10  # RSS after warm-up stays within 10% of its level at the end of minute one

VariantKind = Literal["repost", "trimmed", "reheadlined", "figure_changed", "write_through"]
VARIANT_KINDS: tuple[VariantKind, ...] = ("repost", "trimmed", "reheadlined", "figure_changed", "write_through")
SOURCES = ("reuters", "ap", "afp", "dpa", "bbc", "aljazeera", "upi", "ansa")
# A number worth changing: 2+ digits or grouped thousands, not a year, a date or a clock time.
_NUMBER = re.compile(r"(?<![\d.,:/-])(\d{1,3}(?:,\d{3})+|\d{2,})(?![\d.,:/]?\d)")
_MONTH_BEFORE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? $")
_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


# ---- corpus ----
def load_bases(root: Path) -> list[Article]:
    """The seeds plus the composed gold articles (when present), in publication order."""
    bases = corpus.load_articles([root / "seeds"])
    composed = root / "tests" / "gold" / "composed.articles.jsonl"
    if composed.is_file():
        bases.extend(corpus.articles_from_jsonl(composed))
    return corpus.by_publication(bases)


def _paragraphs(body: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", body) if p.strip()]


def change_first_figure(text: str, rng: random.Random) -> str:
    """The text with its first non-year number raised by 5-40% (the way a toll moves)."""
    for match in _NUMBER.finditer(text):
        raw = match.group(1)
        value = int(raw.replace(",", ""))
        if 1900 <= value <= 2100 and "," not in raw:
            continue
        if _MONTH_BEFORE.search(text[max(0, match.start(1) - 12) : match.start(1)]) or _MONTH_AFTER.match(
            text[match.end(1) : match.end(1) + 16]
        ):
            continue
        new_value = max(value + 1, int(value * rng.uniform(1.05, 1.40)))
        new_raw = f"{new_value:,}" if "," in raw else str(new_value)
        return text[: match.start(1)] + new_raw + text[match.end(1) :]
    return text


def make_variant(
    base: Article, kind: VariantKind, number: int, rng: random.Random, id_suffix: str = "", wave: int = 0
) -> Article:
    """One wire variant of a base: a repost, a trimmed or re-headlined copy, a changed figure, a write-through.

    It is published 5 minutes per wave (0, 1, ...) after the base, plus up to 4 minutes of jitter.
    """
    paragraphs = _paragraphs(base.body)
    headline, body = base.headline, base.body
    if kind == "trimmed":
        keep = max(1, math.ceil(len(paragraphs) * rng.uniform(0.4, 0.8)))
        body = "\n\n".join(paragraphs[:keep])
        headline = f"UPDATE 1-{base.headline}"
    elif kind == "reheadlined":
        headline = (
            rng.choice(("WRAPUP: ", "FACTBOX-", "Latest: ", ""))
            + base.headline.rstrip(".")
            + rng.choice(("", " - officials", ", sources say"))
        )
    elif kind == "figure_changed":
        body = change_first_figure(base.body, rng)
        headline = change_first_figure(base.headline, random.Random(rng.random()))
    elif kind == "write_through":
        lead = change_first_figure(paragraphs[0], rng)
        body = "\n\n".join([lead, "(Adds new figure, details in first paragraph)", *paragraphs[1:]])
        headline = f"UPDATE 2-{change_first_figure(base.headline, random.Random(rng.random()))}"
    source = base.source if kind in ("trimmed", "write_through") else rng.choice(SOURCES)
    return replace(
        base,
        id=f"{base.id}-{kind}-{number}{id_suffix}",
        source=source,
        published_at=base.published_at + timedelta(minutes=5 * (wave + 1) + rng.randint(0, 4)),
        headline=headline,
        body=body,
    )


def restamp(bases: Sequence[Article], anchor: datetime, max_gap: timedelta = timedelta(hours=1)) -> list[Article]:
    """The bases moved to start at `anchor`, in their order, with each gap to the previous one capped.

    The seeds and composed articles span a year; a live stream spans hours. Moved close to the
    wall clock, no dedup entry falls out of its window during a run (an expiry inside the run
    would measure the expiry timer, not the stream).
    """
    moved: list[Article] = []
    ordered = corpus.by_publication(bases)
    for previous, article in zip([None, *ordered[:-1]], ordered, strict=True):
        gap = timedelta(0) if previous is None else min(article.published_at - previous.published_at, max_gap)
        moved.append(replace(article, published_at=(moved[-1].published_at + gap) if moved else anchor))
    return moved


def live_bases(root: Path, now: datetime | None = None) -> list[Article]:
    """The bases restamped to start 26 hours ago: within every dedup window (36 h) while they run."""
    return restamp(load_bases(root), (now or datetime.now(UTC)) - timedelta(hours=26))


def make_corpus(bases: Sequence[Article], total: int, seed: int = 2026, id_suffix: str = "") -> list[Article]:
    """`total` articles: the bases, then variants of them round-robin, in publication order (deterministic)."""
    if not bases:
        raise ValueError("no base articles")
    rng = random.Random(seed)
    articles = [replace(b, id=b.id + id_suffix) for b in bases][:total]
    number = 0
    while len(articles) < total:
        base = bases[number % len(bases)]
        kind = VARIANT_KINDS[(number // len(bases)) % len(VARIANT_KINDS)]
        articles.append(make_variant(base, kind, number, rng, id_suffix, wave=number // len(bases)))
        number += 1
    return corpus.by_publication(articles)


def endless_corpus(bases: Sequence[Article], lap_size: int, seed: int = 2026) -> Iterator[Article]:
    """Laps of make_corpus, each with fresh ids, for a soak that runs as long as it is asked to."""
    lap = 0
    while True:
        yield from make_corpus(bases, lap_size, seed + lap, id_suffix=f"-lap{lap}")
        lap += 1


# ---- numbers ----
def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between order statistics (numpy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def histogram_quantile(buckets: Sequence[tuple[float, float]], q: float) -> float:
    """Prometheus-style quantile (0-1) from cumulative (upper bound, count) buckets, +Inf last."""
    if not buckets or buckets[-1][1] <= 0:
        return math.nan
    rank = q * buckets[-1][1]
    counts = [c for _, c in buckets]
    index = bisect.bisect_left(counts, rank)
    upper, count = buckets[index]
    if math.isinf(upper):
        return buckets[index - 1][0] if index else math.nan
    lower, below = (buckets[index - 1][0], buckets[index - 1][1]) if index else (0.0, 0.0)
    return lower + (upper - lower) * ((rank - below) / (count - below) if count > below else 1.0)


def parse_cpu_ticks(stat_text: str) -> int:
    """utime + stime (clock ticks) from the text of /proc/<pid>/stat."""
    # The command name may hold spaces and parentheses; fields after it start at the last ')'.
    fields = stat_text[stat_text.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5), counted from state (3)


def parse_status_bytes(status_text: str, name: str) -> int:
    """A kB field (VmRSS, VmHWM) of /proc/<pid>/status, in bytes."""
    for line in status_text.splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) * 1024
    raise ValueError(f"{name} not in /proc status")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used."""
    return parse_cpu_ticks(Path(f"/proc/{pid}/stat").read_text()) / os.sysconf("SC_CLK_TCK")


def memory_bytes(pid: int) -> tuple[int, int]:
    """(current RSS, peak RSS) of a process."""
    text = Path(f"/proc/{pid}/status").read_text()
    return parse_status_bytes(text, "VmRSS"), parse_status_bytes(text, "VmHWM")


# ---- the table ----
@dataclass(frozen=True)
class Row:
    """One line of the benchmark table; target None means informational."""

    name: str
    value: float
    unit: str
    target: float | None = None
    higher_is_better: bool = True
    note: str = ""

    @property
    def verdict(self) -> str:
        """'met', 'missed by X%', or '' without a target."""
        return verdict(self.value, self.target, self.higher_is_better)


def verdict(value: float, target: float | None, higher_is_better: bool = True) -> str:
    """'met' or 'missed by X%' (how far the value falls short of, or exceeds, the target)."""
    if target is None:
        return ""
    if math.isnan(value):
        return "not measured"
    met = value >= target if higher_is_better else value <= target
    if met:
        return "met"
    return f"missed by {100 * abs(value - target) / target:.0f}%"


def _number(value: float, unit: str) -> str:
    if math.isnan(value):
        return "n/a"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "ms":
        return f"{value:.0f} ms"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "%":
        return f"{value:.1f}%"
    return f"{value:,.1f} {unit}".rstrip() if abs(value) >= 10 else f"{value:.3g} {unit}".rstrip()


def format_table(rows: Sequence[Row]) -> str:
    """A Markdown table: measure, value, target, verdict, note."""
    lines = [["measure", "value", "target", "verdict", "note"]]
    for row in rows:
        target = "" if row.target is None else ("≥ " if row.higher_is_better else "≤ ") + _number(row.target, row.unit)
        lines.append([row.name, _number(row.value, row.unit), target, row.verdict, row.note])
    widths = [max(len(line[i]) for line in lines) for i in range(5)]
    out = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(lines[0], widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    out += ["| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |" for line in lines[1:]]
    return "\n".join(out)


# ---- watching outputs ----
class FigureWatcher:
    """Reads the figures topic in a thread; keeps each article's last figure CreateTime and count."""

    def __init__(self, broker_url: str, topic: str) -> None:
        self.last_figure_ms: dict[str, int] = {}
        self.figures = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(broker_url, topic), daemon=True)
        self._thread.start()

    def _run(self, broker_url: str, topic: str) -> None:
        from pipeline.stream import clients

        for record in _iter_with_timestamps(clients, broker_url, topic, self._stop):
            article_id, created_ms = record
            with self._lock:
                self.figures += 1
                if created_ms > self.last_figure_ms.get(article_id, 0):
                    self.last_figure_ms[article_id] = created_ms

    def snapshot(self) -> tuple[int, dict[str, int]]:
        """(figures seen, article id -> last figure CreateTime in ms)."""
        with self._lock:
            return self.figures, dict(self.last_figure_ms)

    def close(self) -> None:
        """Stop the reader thread."""
        self._stop.set()
        self._thread.join(10)


def _iter_with_timestamps(
    clients: Any, broker_url: str, topic: str, stop: threading.Event
) -> Iterator[tuple[str, int]]:
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(
        bootstrap_servers=clients.bootstrap_servers(broker_url), enable_auto_commit=False, auto_offset_reset="earliest"
    )
    try:
        found = None
        while not found and not stop.is_set():
            found = consumer.partitions_for_topic(topic)
            if not found:
                time.sleep(0.2)
        if not found:
            return
        partitions = [TopicPartition(topic, p) for p in sorted(found)]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        while not stop.is_set():
            for messages in consumer.poll(timeout_ms=100).values():
                for m in messages:
                    try:
                        article_id = json.loads(m.value)["article_id"]
                    except (ValueError, KeyError, TypeError):
                        continue
                    yield article_id, m.timestamp
    finally:
        consumer.close()


class PacedPublisher:
    """Publishes articles to the articles topic, at full speed or a fixed rate, keeping each CreateTime."""

    def __init__(self, settings: Settings, broker_url: str) -> None:
        from pipeline.stream import clients

        self._settings = settings
        self._producer = clients.producer(settings, broker_url)
        self.created_ms: dict[str, int] = {}

    def publish(
        self, articles: Sequence[Article], rate: float | None = None, should_stop: Callable[[], bool] = lambda: False
    ) -> float:
        """Send articles (rate None: as fast as acks come back); return the wall time of the first send."""
        topic = self._settings.topic("articles")
        started = time.time()
        pending = []
        for index, article in enumerate(articles):
            if should_stop():
                break
            if rate:
                delay = started + index / rate - time.time()
                if delay > 0:
                    time.sleep(delay)
            value = json.dumps(article.to_message(), ensure_ascii=False).encode("utf-8")
            pending.append((article.id, self._producer.send(topic, key=article.id.encode("utf-8"), value=value)))
            if rate or len(pending) >= 32:
                self._collect(pending)
        self._collect(pending)
        return started

    def _collect(self, pending: list[tuple[str, Any]]) -> None:
        for article_id, future in pending:
            self.created_ms[article_id] = future.get(timeout=30).timestamp
        pending.clear()

    def close(self) -> None:
        """Flush and close the producer."""
        self._producer.flush()
        self._producer.close()


# ---- runs ----
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


@dataclass
class Harness:
    """A Session with N ready workers, a publisher and a figures watcher."""

    session: Any
    publisher: PacedPublisher
    watcher: FigureWatcher
    published: int = 0
    worker_pids: list[int] = field(default_factory=list)

    def run(self, articles: Sequence[Article], rate: float | None = None, timeout_seconds: float = 600.0) -> float:
        """Publish, wait until processed; return seconds from the first send to the run's last figure.

        The end is the CreateTime of the last figure of these articles (when any has figures), not
        the moment /status says done: /status is polled only every 0.5 s, because each poll
        renders every metric and costs the worker's event loop CPU.
        """
        started = self.publisher.publish(articles, rate)
        self.published += len(articles)
        self.wait_processed(timeout_seconds)
        done = time.time()
        self.settle()
        _, last = self.watcher.snapshot()
        ends = [last[a.id] for a in articles if a.id in last]
        return (max(ends) / 1000.0 if ends else done) - started

    def wait_processed(self, timeout_seconds: float) -> None:
        """Wait until every published article was processed."""
        total = self.published

        def done() -> bool:
            for worker in self.session.workers:
                if not worker.alive():
                    raise SessionError(
                        f"worker {worker.process.pid} exited with {worker.process.returncode} "
                        f"after {self.published} articles were published:\n{worker.log_tail(60)}"
                    )
            counts = self.session.status()
            return (
                counts.get("articles_consumed", 0) >= total
                and counts.get("articles_extracted", 0) + counts.get("articles_rejected", 0) >= total
                and counts.get("figures_extracted", 0) <= counts.get("figures_classified", 0)
            )

        self.session.wait_for(done, f"{total} articles processed", timeout_seconds, interval_seconds=0.5)

    def settle(self, timeout_seconds: float = 10.0) -> None:
        """Wait until the watcher has read every figure the workers say they sent."""
        expected = self.session.status().get("figures_extracted", 0)
        deadline = time.monotonic() + timeout_seconds
        while self.watcher.snapshot()[0] < expected and time.monotonic() < deadline:
            time.sleep(0.1)

    def latencies(self, articles: Sequence[Article]) -> list[float]:
        """Publish-to-last-figure seconds of the given (processed) articles that produced figures."""
        self.settle()
        _, last = self.watcher.snapshot()
        return [
            (last[a.id] - self.publisher.created_ms[a.id]) / 1000.0
            for a in articles
            if a.id in last and a.id in self.publisher.created_ms
        ]

    def extracted_per_worker(self) -> tuple[int, ...]:
        """articles_extracted of each worker."""
        return tuple(int(w.get_json("/status").get("articles_extracted", 0)) for w in self.session.workers)

    def close(self) -> None:
        """Stop the watcher and the publisher (the session is closed by its owner)."""
        self.watcher.close()
        self.publisher.close()


def start_harness(session: Any, workers: int, ready_timeout_seconds: float = 180.0) -> Harness:
    """Start workers on a session, wait until all are ready and the group is settled."""
    started = [session.start_worker() for _ in range(workers)]
    for worker in started:
        session.wait_ready(worker, ready_timeout_seconds)
    # After the last join the group rebalances; all must report ready twice in a row, 1 s apart.
    for _ in range(2):
        time.sleep(1.0)
        for worker in started:
            session.wait_ready(worker, ready_timeout_seconds)
    harness = Harness(
        session,
        PacedPublisher(session.settings, session.broker_url),
        FigureWatcher(session.broker_url, session.settings.topic("figures")),
    )
    harness.worker_pids = [w.process.pid for w in started]
    return harness


def worker_histogram_p99(worker: Any) -> float:
    """p99 of wiretally_publish_to_update_latency_seconds from a worker's /metrics (updates only)."""
    import urllib.request

    with urllib.request.urlopen(worker.url("/metrics"), timeout=5) as response:
        text = response.read().decode()
    buckets = []
    for line in text.splitlines():
        if line.startswith("wiretally_publish_to_update_latency_seconds_bucket"):
            bound = line.split('le="', 1)[1].split('"', 1)[0]
            buckets.append((math.inf if bound == "+Inf" else float(bound), float(line.rsplit(" ", 1)[1])))
    return histogram_quantile(sorted(buckets), 0.99)


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


def _session(settings: Settings, workdir: Path) -> Any:
    from pipeline.evaluation import runner

    settings = settings.replace(
        topic_prefix=settings.topic_prefix + runner.fresh_prefix(),
        app_id=f"{settings.app_id}-bench-{runner.fresh_prefix().strip('.')}",
    )
    return runner.Session.start(settings, workdir)


def throughput_run(
    settings: Settings,
    workdir: Path,
    bases: Sequence[Article],
    config: E2EConfig,
    workers: int,
    say: Callable[[str], None],
) -> tuple[ThroughputResult, LatencyResult | None, float]:
    """One session with `workers` workers: warm-up, full-speed run, then (one worker) the fixed-rate run."""
    with _session(settings.replace(partitions=config.partitions), workdir / f"workers-{workers}") as session:
        say(f"{workers} worker(s): starting (spaCy load, group join) ...")
        harness = start_harness(session, workers)
        try:
            harness.run(make_corpus(bases, config.warmup_articles, config.seed + 99, "-warm"))
            say(f"{workers} worker(s): warm; publishing {config.articles} articles at full speed")
            articles = make_corpus(bases, config.articles, config.seed)
            cpu_before = sum(cpu_seconds(pid) for pid in harness.worker_pids)
            extracted_before = harness.extracted_per_worker()
            rejected_before = session.status().get("articles_rejected", 0)
            figures_before = harness.watcher.snapshot()[0]
            profiler = _start_profiler(harness.worker_pids[0], config.profile_path) if workers == 1 else None
            seconds = harness.run(articles)
            if profiler is not None:
                _stop_profiler(profiler, say)
            cpu = sum(cpu_seconds(pid) for pid in harness.worker_pids) - cpu_before
            figures_per_article = (harness.watcher.snapshot()[0] - figures_before) / len(articles)
            result = ThroughputResult(
                workers=workers,
                articles=len(articles),
                seconds=seconds,
                cpu_seconds=cpu,
                peak_rss_bytes=max(memory_bytes(pid)[1] for pid in harness.worker_pids),
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
                result = replace(result, peak_rss_bytes=memory_bytes(harness.worker_pids[0])[1])
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
            note="utime+stime of the worker / articles, full-speed run",
        ),
        Row(
            "worker peak RSS",
            one.peak_rss_bytes / 2**20,
            "MB",
            TARGET_RSS_BYTES / 2**20,
            higher_is_better=False,
            note="VmHWM, spaCy loaded, after both runs",
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


def extraction_rows(articles_path: Path, gold_path: Path, spacy_model: str, repeat: int = 3) -> list[Row]:
    """The extraction engineer's bench (optimised vs naive on the seeds' gold) as table rows."""
    from pipeline.evaluation.extract import bench, read_jsonl
    from pipeline.extract import Extractor, load_nlp

    articles = list(corpus.articles_from_jsonl(articles_path))
    optimised, naive = bench(Extractor(load_nlp(spacy_model)), articles, read_jsonl(gold_path), repeat=repeat)
    speedup = optimised.articles_per_second / naive.articles_per_second
    f1_note = f"F1 {100 * optimised.f1:.1f} vs {100 * naive.f1:.1f} naive"
    equal = optimised.f1 >= naive.f1 - 0.005
    return [
        Row("extract, optimised", optimised.articles_per_second, "articles/s", note=f"F1 {100 * optimised.f1:.1f}"),
        Row("extract, naive baseline", naive.articles_per_second, "articles/s", note=f"F1 {100 * naive.f1:.1f}"),
        Row(
            "extract speed-up",
            speedup,
            "x",
            TARGET_EXTRACT_SPEEDUP,
            note=f"{f1_note} ({'equal' if equal else 'NOT equal'} F1)",
        ),
        Row(
            "extract F1 optimised - naive",
            100 * (optimised.f1 - naive.f1),
            "%",
            -0.5,
            note="equal F1: within 0.5 point",
        ),
    ]


DEDUP_BENCH_HOOK = "pipeline.evaluation.dedup.bench_rows"


def dedup_rows() -> list[Row]:
    """The dedup engineer's micro-benchmark as rows, through the hook `eval_dedup.bench_rows()` when it exists.

    The hook returns a list of (name, value, unit) or Row; until it exists, one row says so.
    """
    from pipeline.evaluation import dedup as eval_dedup

    hook = getattr(eval_dedup, "bench_rows", None)
    if hook is None:
        return [Row("dedup micro-benchmark", math.nan, "", note=f"no hook yet: {DEDUP_BENCH_HOOK}()")]
    return [r if isinstance(r, Row) else Row(*r) for r in hook()]


# ---- soak ----
@dataclass(frozen=True)
class SoakResult:
    """RSS samples of a soak, one per minute (the first at the end of minute one)."""

    rate: float
    minutes: float
    articles: int
    rss_bytes: tuple[int, ...]

    @property
    def drift(self) -> float:
        """Largest relative distance of a later sample from the first (end of the warm-up minute)."""
        return rss_drift(self.rss_bytes)

    @property
    def stable(self) -> bool:
        """RSS stayed within SOAK_TOLERANCE after warm-up."""
        return self.drift <= SOAK_TOLERANCE


def rss_drift(samples: Sequence[int]) -> float:
    """max |s - s0| / s0 over the samples after the first (s0: RSS when the warm-up minute ends)."""
    if len(samples) < 2:
        return 0.0
    base = samples[0]
    return max(abs(s - base) for s in samples[1:]) / base


def run_soak(
    settings: Settings,
    workdir: Path,
    root: Path,
    minutes: float,
    rate: float,
    say: Callable[[str], None] = lambda text: None,
) -> SoakResult:
    """Stream at a fixed rate for `minutes`, sampling the worker's RSS each minute."""
    bases = live_bases(root)
    with _session(settings, workdir / "soak") as session:
        say("soak: starting a worker ...")
        harness = start_harness(session, 1)
        pid = harness.worker_pids[0]
        say(
            f"soak: ready, RSS {memory_bytes(pid)[0] / 2**20:.0f} MB; streaming at {rate:g} articles/s "
            f"for {minutes:g} min"
        )
        samples: list[int] = []
        end = time.time() + 60 * minutes
        stop = threading.Event()
        stream = endless_corpus(bases, lap_size=500)

        def feed() -> None:
            # One-minute slices; publish checks stop between sends.
            while not stop.is_set():
                harness.publisher.publish(_take(stream, max(1, int(rate * 60))), rate, stop.is_set)

        thread = threading.Thread(target=feed, daemon=True)
        thread.start()
        try:
            minute = 0
            while time.time() < end:
                time.sleep(max(0.0, min(60.0, end - time.time())))
                minute += 1
                if not harness.session.workers[0].alive():
                    raise RuntimeError(f"worker died during the soak:\n{session.workers[0].log_tail()}")
                rss = memory_bytes(pid)[0]
                samples.append(rss)
                counts = session.status()
                say(
                    f"soak: minute {minute}: RSS {rss / 2**20:.0f} MB, {len(harness.publisher.created_ms)} sent, "
                    f"{counts.get('articles_extracted', 0)} extracted"
                )
        finally:
            stop.set()
            thread.join(120)
            harness.close()
        return SoakResult(rate, minutes, len(harness.publisher.created_ms), tuple(samples))


def _take(items: Iterator[Article], count: int) -> list[Article]:
    return list(itertools.islice(items, count))


def soak_rows(result: SoakResult) -> list[Row]:
    """The soak as table rows."""
    mb = [s / 2**20 for s in result.rss_bytes]
    return [
        Row(
            f"soak RSS drift after minute 1 ({result.minutes:g} min @ {result.rate:g}/s)",
            100 * result.drift,
            "%",
            100 * SOAK_TOLERANCE,
            higher_is_better=False,
            note="RSS MB per minute: " + ", ".join(f"{m:.0f}" for m in mb),
        ),
    ]
