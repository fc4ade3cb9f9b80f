"""Growth of the worker's state: bytes per claim key on disk, worker RSS, and restart-to-ready.

The run feeds the claims stage directly: synthetic figures, shaped as the extractor's, go to the
`figures` topic, and one worker folds them into its claims table (on RocksDB, with its changelog)
as it does in the stream. Extraction is left out on purpose: it runs about 30 articles/s on its own
and the whole stream about 10, so 10,000 articles would take 15-25 minutes and 100,000 hours, while
the table grows with the figures it receives, not with how they were found. The dedup index is not
fed: its entries leave with its windows (36 h, 14 days), so it does not grow with the months.

At each checkpoint (half the articles, then all) the worker's RSS is read, the worker is stopped
and its data directory measured; then a worker with no local state recovers the tables from the
changelogs alone, and the first worker's directory is restarted, recovering only what was written
since. RSS must not grow with the keys on disk, and the restart with local state must not grow
with the table.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pipeline import schemas
from pipeline.evaluation import runner
from pipeline.evaluation.bench.harness import fresh_session
from pipeline.evaluation.bench.process import memory_bytes
from pipeline.evaluation.bench.report import Row
from pipeline.settings import Settings
from pipeline.stream import clients

# A wire story is reported several times (outlets, updates); each report gives its two figures.
FIGURES_PER_ARTICLE = 2
START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
# RSS may move this much between the checkpoints (allocator, caches filling) and still count as flat.
RSS_TOLERANCE = 0.15
# A restart with local state may be this much slower at the second checkpoint and still count as flat.
RESTART_TOLERANCE = 0.25
RESTART_SLACK_SECONDS = 1.0


@dataclass(frozen=True)
class Checkpoint:
    """The measures after `articles` articles."""

    articles: int
    figures: int
    claim_keys: int
    fill_seconds: float  # feeding the figures of this step (since the previous checkpoint)
    rss_bytes: int  # the filling worker, once it has processed them
    claims_disk_bytes: int  # the claims table's RocksDB files (and WAL) after the worker stopped
    data_dir_bytes: int  # every table
    changelog_ready_seconds: float  # a worker with no local state: start to ready
    changelog_records: int  # the records it read
    local_ready_seconds: float  # the first worker's data directory restarted: start to ready
    local_records: int
    local_rss_bytes: int  # RSS of the restarted worker once ready

    @property
    def bytes_per_key(self) -> float:
        """Claims table bytes on disk per claim key."""
        return self.claims_disk_bytes / max(1, self.claim_keys)


@dataclass(frozen=True)
class GrowthResult:
    """Checkpoints of one growth run, and the bare start of a worker on empty topics."""

    empty_ready_seconds: float
    checkpoints: tuple[Checkpoint, ...]
    reports_per_key: int
    store: str

    @property
    def figures_per_second(self) -> float:
        """The claims stage's rate while filling."""
        figures = self.checkpoints[-1].figures
        return figures / max(1e-9, sum(c.fill_seconds for c in self.checkpoints))


def synthetic_figures(articles: int, reports_per_key: int, start: datetime = START) -> Iterator[dict[str, Any]]:
    """Figures of `articles` articles: stories of `reports_per_key` reports, each giving deaths and injured.

    Each report of a story raises the toll as of a later day (an update); the outlets rotate. So a
    story's two claim keys hold `reports_per_key` claims each, as a key of the wire does over a few days.
    """
    sources = ("reuters", "ap", "afp", "dpa", "efe", "ansa")
    spacing = timedelta(days=1) / max(1, articles)  # the whole run is one heavy day of wire copy
    for index in range(articles):
        story, report = divmod(index, reports_per_key)
        article_id = f"growth-{index:07d}"
        published = start + spacing * index
        as_of = (start + timedelta(days=report)).date().isoformat()
        town = f"Town {story}"
        for offset, (measure, base) in enumerate((("deaths", 10), ("injured", 40))):
            value = base + 7 * report + story % 13
            text = f"{value} people"
            message: dict[str, Any] = {
                "schema_version": schemas.SCHEMA_VERSION,
                "id": f"{article_id}:{offset * 100}",
                "article_id": article_id,
                "source": sources[index % len(sources)],
                "published_at": published.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "text": text,
                "start": offset * 100,
                "end": offset * 100 + len(text),
                "value": value,
                "low": None,
                "high": None,
                "qualifier": "exact",
                "unit": "count",
                "measure": measure,
                "subject": town,
                "location": town,
                "attributed_to": None,
                "as_of": as_of,
                "scope": {"kind": "cumulative"},
                "key": f"town-{story}|{measure}|event:storm",
                "change": None,
                "vague": False,
                "received_at": published.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "story_id": f"growth-{story * reports_per_key:07d}",
                "duplicate_of": None,
                "is_new_version": False,
                "story_sources": 1,
                "article_version": 1,
            }
            yield message


def directory_bytes(path: Path, pattern: str = "**/*") -> int:
    """Bytes of the regular files under a directory that match a glob pattern."""
    return sum(p.stat().st_size for p in path.glob(pattern) if p.is_file())


def _publish(session: runner.Session, figures: list[dict[str, Any]], attempts: int = 5) -> None:
    """Send figures to the `figures` topic; resend those the broker did not take (a loaded embedded
    broker times some requests out), and fail if any is still missing, or the wait would never end."""
    producer = clients.producer(session.settings, session.broker_url)
    topic = session.settings.topic("figures")
    pending = figures
    try:
        for _ in range(attempts):
            sent = [
                (message, producer.send(topic, key=message["key"].encode("utf-8"), value=json.dumps(message).encode()))
                for message in pending
            ]
            producer.flush()
            pending = [message for message, future in sent if future.failed()]
            if not pending:
                return
        raise runner.SessionError(f"{len(pending)} figures not taken by the broker after {attempts} attempts")
    finally:
        producer.close()


def _wait_classified(session: runner.Session, worker: runner.WorkerProcess, figures: int) -> None:
    def done() -> bool:
        counts = session.status()
        return counts.get("figures_classified", 0) >= figures and counts.get("updates_emitted", 0) <= counts.get(
            "updates_consumed", 0
        )

    session.wait_for(done, f"{figures} figures to be classified", 3600, worker=worker, interval_seconds=0.5)


def _restart(session: runner.Session, data_dir: Path | None) -> tuple[runner.WorkerProcess, float, int]:
    worker = session.start_worker(data_dir=data_dir)
    ready = session.wait_ready(worker, timeout_seconds=3600)
    return worker, ready, int(session.status().get("changelog_records_recovered", 0))


def run_growth(
    settings: Settings,
    workdir: Path,
    articles: int,
    reports_per_key: int = 5,
    say: Callable[[str], None] = lambda text: None,
) -> GrowthResult:
    """Feed `articles` articles' figures to one worker, measuring at half and at all of them."""
    figures = list(synthetic_figures(articles, reports_per_key))
    schemas.validate("figures", figures[0])
    steps = sorted({max(1, articles // 2), articles})
    with fresh_session(settings, workdir / "growth") as session:
        worker = session.start_worker()
        empty_ready = session.wait_ready(worker)
        data_dir = worker.data_dir
        say(f"growth: worker ready in {empty_ready:.1f} s on empty topics ({settings.store} store)")
        checkpoints: list[Checkpoint] = []
        done_articles = 0
        for step in steps:
            chunk = figures[done_articles * FIGURES_PER_ARTICLE : step * FIGURES_PER_ARTICLE]
            started = time.monotonic()
            _publish(session, chunk)
            _wait_classified(session, worker, len(chunk))
            fill_seconds = time.monotonic() - started
            rss, _ = memory_bytes(worker.process.pid)
            session.stop_worker(worker)
            claims_disk = directory_bytes(data_dir, "**/claims-*.db/*")
            all_disk = directory_bytes(data_dir)
            say(
                f"growth: {step} articles ({step * FIGURES_PER_ARTICLE} figures) in total; this step "
                f"{len(chunk) / fill_seconds:.0f} figures/s; RSS {rss / 2**20:.0f} MB; claims on disk "
                f"{claims_disk / 2**20:.1f} MB"
            )
            fresh, changelog_ready, changelog_records = _restart(session, None)
            session.stop_worker(fresh)
            say(f"growth: from the changelog only: ready in {changelog_ready:.1f} s ({changelog_records} records)")
            worker, local_ready, local_records = _restart(session, data_dir)
            local_rss, _ = memory_bytes(worker.process.pid)
            say(f"growth: with local state: ready in {local_ready:.1f} s ({local_records} records)")
            checkpoints.append(
                Checkpoint(
                    articles=step,
                    figures=step * FIGURES_PER_ARTICLE,
                    claim_keys=FIGURES_PER_ARTICLE * -(-step // reports_per_key),
                    fill_seconds=fill_seconds,
                    rss_bytes=rss,
                    claims_disk_bytes=claims_disk,
                    data_dir_bytes=all_disk,
                    changelog_ready_seconds=changelog_ready,
                    changelog_records=changelog_records,
                    local_ready_seconds=local_ready,
                    local_records=local_records,
                    local_rss_bytes=local_rss,
                )
            )
            done_articles = step
        return GrowthResult(empty_ready, tuple(checkpoints), reports_per_key, settings.store)


def growth_rows(result: GrowthResult) -> list[Row]:
    """The checkpoints as table rows, with the two verdicts and an extrapolation to 100,000 articles."""
    rows: list[Row] = []
    for c in result.checkpoints:
        n = f"{c.articles:,} articles"
        rows += [
            Row(f"claims bytes per key on disk ({n})", c.bytes_per_key, "B", note=f"{c.claim_keys:,} keys"),
            Row(f"worker RSS after filling ({n})", c.rss_bytes / 2**20, "MB"),
            Row(f"restart-to-ready, local state ({n})", c.local_ready_seconds, "s", note=f"{c.local_records} records"),
            Row(
                f"restart-to-ready, changelog only ({n})",
                c.changelog_ready_seconds,
                "s",
                note=f"{c.changelog_records:,} records",
            ),
        ]
    first, last = result.checkpoints[0], result.checkpoints[-1]
    rate = result.figures_per_second
    rows += [
        Row("claims stage rate while filling", rate, "figures/s", note=f"{rate / FIGURES_PER_ARTICLE:.0f} articles/s"),
        Row(
            f"RSS at {last.articles:,} / at {first.articles:,} articles (flat)",
            last.rss_bytes / max(1, first.rss_bytes),
            "x",
            target=1 + RSS_TOLERANCE,
            higher_is_better=False,
        ),
        Row(
            f"restart with local state, {last.articles:,} vs {first.articles:,} articles (flat)",
            last.local_ready_seconds - first.local_ready_seconds,
            "s",
            target=RESTART_TOLERANCE * first.local_ready_seconds + RESTART_SLACK_SECONDS,
            higher_is_better=False,
            note=f"target: {RESTART_TOLERANCE:.0%} of the first + {RESTART_SLACK_SECONDS:.0f} s",
        ),
    ]
    if last.articles < 100_000:
        seconds = 100_000 * FIGURES_PER_ARTICLE / rate
        # Beyond the bare start (spaCy, the group join), recovery is linear in the records read.
        recovering = max(0.0, last.changelog_ready_seconds - result.empty_ready_seconds)
        per_record = recovering / max(1, last.changelog_records)
        records = last.changelog_records * 100_000 / last.articles
        rows.append(
            Row(
                "extrapolated to 100,000 articles",
                seconds / 60,
                "min to fill",
                note=(
                    f"{last.bytes_per_key * 2 * 100_000 / result.reports_per_key / 2**20:.0f} MB of claims on disk; "
                    f"changelog-only restart ~{result.empty_ready_seconds + per_record * records:.0f} s"
                ),
            )
        )
    return rows
