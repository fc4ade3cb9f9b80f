"""The extraction runners: an article over its budget ends its process, which the pool replaces (issue 17).

The extractor here is a stand-in (no spaCy): module level, so that the pool's processes can be given it.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Mapping
from datetime import UTC, datetime

import pytest

from pipeline.ingest import Article
from pipeline.stream import extraction

STUCK = "STUCK"  # an article whose body holds this never finishes
SLOW = "SLOW"  # one that takes a second


class _StandIn:
    """Returns one figure-like message per article, with the id of the process that extracted it."""

    def extract(self, article: Article, story: Mapping[str, str] | None = None) -> list[_Message]:
        while STUCK in article.body:
            time.sleep(0.01)
        if SLOW in article.body:
            time.sleep(1.0)
        return [_Message(article.id)]


class _Message:
    def __init__(self, article_id: str) -> None:
        self.article_id = article_id

    def to_message(self) -> dict[str, object]:
        return {"article_id": self.article_id, "pid": os.getpid()}


def stand_in() -> _StandIn:
    return _StandIn()


def article(article_id: str, body: str = "Floods killed 12 people.") -> Article:
    return Article(id=article_id, source="wire", published_at=datetime(2026, 3, 2, tzinfo=UTC), headline="h", body=body)


def test_processes_setting_resolves_minus_one_to_the_cores_up_to_four() -> None:
    assert extraction.resolve_processes(-1) == max(1, min(len(os.sched_getaffinity(0)), 4))
    assert extraction.resolve_processes(0) == 0 and extraction.resolve_processes(3) == 3


def test_zero_processes_runs_in_the_worker() -> None:
    runner = extraction.for_settings(stand_in, 0, 1.0, lambda: None)  # type: ignore[arg-type]
    assert isinstance(runner, extraction.InProcess) and runner.parallelism == 1


def test_in_process_an_article_over_budget_is_reported_while_its_thread_runs_on() -> None:
    async def run() -> None:
        runner = extraction.InProcess(stand_in, 0.2)  # type: ignore[arg-type]
        await runner.start()
        assert await runner.extract(article("a")) == [{"article_id": "a", "pid": os.getpid()}]
        with pytest.raises(extraction.OverBudget):
            await runner.extract(article("slow", SLOW))

    asyncio.run(run())  # waits for the thread to finish its second


def test_an_article_over_budget_ends_its_process_and_the_next_runs_in_its_replacement() -> None:
    replaced: list[int] = []

    async def run() -> None:
        pool = extraction.ProcessPool(stand_in, 1, 0.5, lambda: replaced.append(1))  # type: ignore[arg-type]
        try:
            await pool.start()
            (first,) = await pool.extract(article("a"))
            assert first["article_id"] == "a" and first["pid"] != os.getpid()
            with pytest.raises(extraction.OverBudget):
                await pool.extract(article("stuck", STUCK))
            (after,) = await pool.extract(article("b"))
            assert after["article_id"] == "b" and after["pid"] != first["pid"]
            with pytest.raises(ProcessLookupError):
                os.kill(int(first["pid"]), 0)  # the process that was stuck is gone
        finally:
            await pool.stop()

    asyncio.run(run())
    assert replaced == [1]


def test_a_pool_whose_idle_process_was_killed_is_rebuilt_and_the_article_extracted() -> None:
    """pebble gives the whole pool up when a process dies while idle; the runner starts a new one."""
    import signal

    replaced: list[int] = []

    async def run() -> None:
        pool = extraction.ProcessPool(stand_in, 2, 5.0, lambda: replaced.append(1))  # type: ignore[arg-type]
        try:
            await pool.start()
            (first,) = await pool.extract(article("a"))
            broken = pool.pool
            os.kill(int(first["pid"]), signal.SIGKILL)
            deadline = time.monotonic() + 10
            while broken.active and time.monotonic() < deadline:  # pebble notices within 0.1 s
                await asyncio.sleep(0.05)
            assert not broken.active
            (after,) = await pool.extract(article("b"))
            assert after["article_id"] == "b" and pool.pool is not broken
        finally:
            await pool.stop()

    asyncio.run(run())
    assert replaced == [1, 1]  # both processes of the given-up pool
