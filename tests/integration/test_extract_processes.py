"""Extraction processes on the real broker (issue 17): an article over its budget ends its process.

The article is dead-lettered as extraction_budget, the pool replaces the process, and the articles
behind it are extracted by the new one. A worker stopped, or killed with SIGKILL, leaves no extraction
process.
"""

from __future__ import annotations

import base64
import json
import random
import time
from datetime import UTC, datetime

import psutil
import pytest

from pipeline.ingest import Article
from tests.factories import synthetic_articles
from tests.integration.process_tree import pool_pids
from tests.integration.streaming import article_ids_with_figures, metric_total

pytestmark = pytest.mark.integration

BUDGET_SECONDS = 1.0


def slow_article() -> Article:
    """30,000 numbers: about 12 s of extraction on this machine's cores (measured), far over the budget."""
    rng = random.Random(17)
    body = "Officials gave these counts: " + ", ".join(str(rng.randint(1, 10**6)) for _ in range(30_000)) + "."
    published = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    return Article(id="slow-numbers", source="wire", published_at=published, headline="Counts", body=body)


def running(pid: int) -> bool:
    """True while pid is a live process (a zombie has ended)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_an_article_over_its_budget_ends_its_process_and_the_next_articles_are_extracted(
    make_session, make_settings, capsys
) -> None:
    # One process, so the articles behind the slow one can only be extracted by its replacement.
    session = make_session(make_settings(partitions=1, extract_budget_seconds=BUDGET_SECONDS, extract_processes=1))
    worker = session.start_worker()
    session.wait_ready(worker)
    session.wait_for(lambda: len(pool_pids(worker.process.pid)) == 1, "one extraction process", 60, worker=worker)
    (before,) = pool_pids(worker.process.pid)

    slow = slow_article()
    ordinary = synthetic_articles(4, seed=31)
    published = time.monotonic()
    session.publish([slow, *ordinary])
    status = session.wait_processed(1 + len(ordinary), timeout_seconds=120)
    elapsed_seconds = time.monotonic() - published
    session.wait_for(
        lambda: len(pool_pids(worker.process.pid) - {before}) == 1, "a new extraction process", 30, worker=worker
    )
    (after,) = pool_pids(worker.process.pid)

    dead = [r.value for r in session.read("articles.dlq", idle_seconds=0.5)]
    with_figures = article_ids_with_figures(session)
    replaced = metric_total(worker, "wiretally_extract_processes_replaced_total")
    size = metric_total(worker, "wiretally_extract_processes")
    with capsys.disabled():
        print(
            f"\nover budget: process {before} ended, replaced by {after}; {len(ordinary)} articles behind it "
            f"extracted; all {1 + len(ordinary)} done {elapsed_seconds:.1f} s after publishing"
        )
    assert [(json.loads(base64.b64decode(d["original_base64"]))["article"]["id"], d["reason"]) for d in dead] == [
        (slow.id, "extraction_budget")
    ]
    assert "process was ended" in dead[0]["detail"]
    assert not running(before) and after != before
    assert {a.id for a in ordinary} <= with_figures and slow.id not in with_figures
    assert status["articles_extracted"] == len(ordinary) and status["articles_rejected"] == 1
    assert replaced == 1 and size == 1


@pytest.mark.parametrize("kill", [False, True], ids=["stopped", "killed"])
def test_a_stopped_or_killed_worker_leaves_no_extraction_process(make_session, make_settings, kill: bool) -> None:
    session = make_session(make_settings(partitions=1, extract_processes=2))
    worker = session.start_worker()
    session.wait_ready(worker)
    session.wait_for(lambda: len(pool_pids(worker.process.pid)) == 2, "two extraction processes", 60, worker=worker)
    pids = pool_pids(worker.process.pid)

    session.stop_worker(worker, kill=kill)
    session.wait_for(lambda: not any(running(pid) for pid in pids), f"extraction processes {sorted(pids)} to end", 10)
