"""Hostile text on the real broker: the extraction budget holds and memory stays bounded.

Articles with 10,000 numbers, one 100,000-character sentence, or nothing but numbers are each
either extracted within WIRETALLY_EXTRACT_BUDGET_SECONDS or flagged in articles.dlq as
extraction_budget (never dropped silently), ordinary articles behind them are still processed, and
the memory of the worker and its extraction processes together stays bounded at its peak and returns
to its baseline once they are through.
"""

from __future__ import annotations

import base64
import json
import random
from datetime import UTC, datetime

import pytest

from pipeline.ingest import Article
from tests.factories import synthetic_articles
from tests.integration.process_tree import PeakRss, settled_rss_bytes, tree_rss_bytes
from tests.integration.streaming import metric_total

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BUDGET_SECONDS = 5.0
PROCESSES = 2
MB = 2**20
# Measured (2 cores, embedded broker): the worker, its forkserver and two warm extraction processes hold
# about 650 MB together (a sum of RSS, which counts the pages the processes share with the forkserver once
# each). The three hostile articles each take 2.5-4.5 s alone and over the 5 s budget here, two at a time:
# peak 834 MB, settled 656 MB, every process that ran one ended and replaced. With a 30 s budget they all
# finish: peak 1,069 MB, settled 696 MB (what glibc keeps of the two processes' arenas).
MAX_PEAK_RSS_BYTES = 1536 * MB
# Once the hostile articles are through, the processes that ran them were ended and replaced, or kept what
# their allocator holds on to; either way the tree is back within this much of its warm baseline.
SETTLED_TOLERANCE_BYTES = 150 * MB
PUBLISHED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def hostile_articles() -> list[Article]:
    rng = random.Random(5)
    bodies = {
        "ten-thousand-numbers": "Officials gave these counts: "
        + ", ".join(str(rng.randint(1, 10**6)) for _ in range(10_000))
        + ".",
        "one-long-sentence": (
            "the flood killed 12 people and injured 40 more near the river while officials said " * 1_200
        )[:100_000],
        "only-numbers": " ".join(str(rng.randint(0, 10**9)) for _ in range(10_000)),
    }
    return [
        Article(id=f"hostile-{name}", source="wire", published_at=PUBLISHED, headline="Hostile copy", body=body)
        for name, body in bodies.items()
    ]


def test_hostile_articles_stay_within_the_budget_and_memory_stays_bounded(make_session, make_settings, capsys) -> None:
    session = make_session(
        make_settings(partitions=1, extract_budget_seconds=BUDGET_SECONDS, extract_processes=PROCESSES)
    )
    worker = session.start_worker()
    session.wait_ready(worker)
    pid = worker.process.pid
    # Warm up both processes (spaCy's first documents grow its caches), then take the baseline.
    warm_up = synthetic_articles(6, seed=22)
    session.publish(warm_up)
    session.wait_processed(len(warm_up), timeout_seconds=120)
    rss_before = settled_rss_bytes(pid, PROCESSES)

    hostile = hostile_articles()
    ordinary = synthetic_articles(3, seed=21)
    articles = hostile + ordinary  # the ordinary ones queue behind the hostile ones
    sampler = PeakRss(pid)
    sampler.start()
    session.publish(articles)
    # Each article takes at most the budget (plus queueing behind the ones before it).
    total = len(warm_up) + len(articles)
    status = session.wait_processed(total, timeout_seconds=len(articles) * BUDGET_SECONDS + 60)
    rss_peak = max(sampler.finish(), tree_rss_bytes(pid))
    rss_settled = settled_rss_bytes(pid, PROCESSES)

    dead = [r.value for r in session.read("articles.dlq", idle_seconds=0.5)]
    over_budget = {
        json.loads(base64.b64decode(d["original_base64"]))["article"]["id"]
        for d in dead
        if d["reason"] == "extraction_budget"
    }
    in_time = metric_total(worker, "wiretally_extract_seconds_count") - len(warm_up)
    replaced = metric_total(worker, "wiretally_extract_processes_replaced_total")
    with_figures = {r.value["article_id"] for r in session.read("figures", idle_seconds=0.5)}
    health = worker.get_json("/health")
    session.stop_worker(worker)

    with capsys.disabled():
        sizes = ", ".join(str(len(a.body)) for a in hostile)
        print(
            f"\nhostile text: {len(articles)} sent ({len(hostile)} hostile, {sizes} chars); "
            f"over the {BUDGET_SECONDS:.0f} s budget (dead-lettered, process replaced): {sorted(over_budget)}; "
            f"extracted in time: {in_time:.0f}; processes replaced: {replaced:.0f}; RSS of the worker and its "
            f"{PROCESSES} extraction processes: {rss_before / MB:.0f} MB before, peak {rss_peak / MB:.0f} MB, "
            f"settled {rss_settled / MB:.0f} MB"
        )
    assert {d["reason"] for d in dead} <= {"extraction_budget"}, [(d["reason"], d["detail"]) for d in dead]
    assert over_budget <= {a.id for a in hostile}
    # Every article is accounted for: extracted within the budget, or flagged; none dropped silently.
    assert in_time + len(over_budget) == len(articles)
    assert status["articles_extracted"] == in_time + len(warm_up) and status["articles_rejected"] == len(over_budget)
    assert replaced == len(over_budget)
    assert {a.id for a in ordinary} <= with_figures
    assert health["status"] == "ready"
    assert rss_peak < MAX_PEAK_RSS_BYTES
    assert rss_settled < rss_before + SETTLED_TOLERANCE_BYTES
