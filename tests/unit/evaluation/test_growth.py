"""The growth bench's pure parts: its synthetic figures and its rows and verdicts."""

from __future__ import annotations

from pipeline import schemas
from pipeline.evaluation.bench.growth import Checkpoint, GrowthResult, growth_rows, synthetic_figures


def test_synthetic_figures_are_valid_and_share_keys_per_story() -> None:
    figures = list(synthetic_figures(10, reports_per_key=5))
    assert len(figures) == 20
    for figure in figures:
        schemas.validate("figures", figure)
    assert len({f["key"] for f in figures}) == 4  # two stories, two measures each
    assert len({f["id"] for f in figures}) == 20


def checkpoint(articles: int, rss_mb: int, local_seconds: float) -> Checkpoint:
    return Checkpoint(
        articles=articles,
        figures=2 * articles,
        claim_keys=2 * articles // 5,
        fill_seconds=articles / 100,
        rss_bytes=rss_mb * 2**20,
        claims_disk_bytes=2000 * 2 * articles // 5,
        data_dir_bytes=0,
        changelog_ready_seconds=10 + articles / 1000,
        changelog_records=3 * articles,
        local_ready_seconds=local_seconds,
        local_records=0,
        local_rss_bytes=rss_mb * 2**20,
    )


def test_rows_judge_rss_and_local_restart_flat_or_not() -> None:
    flat = GrowthResult(9.0, (checkpoint(5000, 260, 10.0), checkpoint(10000, 265, 10.5)), 5, "rocksdb")
    verdicts = {row.name: row.verdict for row in growth_rows(flat) if row.target is not None}
    assert list(verdicts.values()) == ["met", "met"]
    grows = GrowthResult(9.0, (checkpoint(5000, 260, 10.0), checkpoint(10000, 400, 20.0)), 5, "memory")
    verdicts = {row.name: row.verdict for row in growth_rows(grows) if row.target is not None}
    assert all(v.startswith("missed") for v in verdicts.values())
    rows = {row.name: row for row in growth_rows(flat)}
    assert rows["claims bytes per key on disk (10,000 articles)"].value == 2000
    assert "extrapolated to 100,000 articles" in rows
