"""The soak: a fixed-rate stream for minutes, the worker's RSS sampled each minute."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluation.bench.harness import fresh_session, start_harness
from pipeline.evaluation.bench.process import tree_memory_bytes
from pipeline.evaluation.bench.report import Row
from pipeline.evaluation.bench.targets import SOAK_TOLERANCE
from pipeline.evaluation.bench.variants import endless_corpus, live_bases
from pipeline.ingest import Article
from pipeline.settings import Settings


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
    with fresh_session(settings, workdir / "soak") as session:
        say("soak: starting a worker ...")
        harness = start_harness(session, 1)
        pid = harness.worker_pids[0]
        say(
            f"soak: ready, RSS {tree_memory_bytes(pid)[0] / 2**20:.0f} MB; streaming at {rate:g} articles/s "
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
                rss = tree_memory_bytes(pid)[0]
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
