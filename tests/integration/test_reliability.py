"""Fault injection on each broker: a worker killed mid-stream, a broker that stalls.

Both tests stream articles that raise many updates and contradictions (`rounds_of_reports`), so the
crash lands while the claims and alerts stages are emitting. They run with one partition per topic:
the claims verdict for a key depends on the order of its figures, and only one partition keeps the
order from `articles` to `figures` the same in every run, so that two runs can be compared entry by
entry (with several partitions the order across partitions is up to the consumers, crash or not).
"""

from __future__ import annotations

import collections
import os
import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pipeline import claims, dedup, extract
from pipeline.evaluation.runner import Session, SessionError, WorkerProcess
from pipeline.ingest import Article
from pipeline.settings import Settings
from tests.factories import synthetic_articles
from tests.integration.brokers import new_settings, start_broker
from tests.integration.streaming import PacedPublisher, article_ids_with_figures

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# Wall-clock fields of a claims entry: they say when this worker saw the figure, so they differ
# between any two runs; every other field must be equal.
WALL_CLOCK_FIELDS = ("first_seen", "last_seen")


def rounds_of_reports(rounds: int, per_round: int) -> list[Article]:
    """`rounds` reports on the same `per_round` events, three days apart, each with its own tolls.

    The second and later rounds update or contradict the first round's figures for each key.
    """
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    articles: list[Article] = []
    for r in range(rounds):
        articles += synthetic_articles(per_round, seed=r + 1, start=start + timedelta(days=3 * r))
    return articles


# The dedup stage's story annotations are left out: the two runs expire the dedup index at different
# points of the stream (a wall-clock interval), which may move which stories a capped index list keeps.
# An article redone after a crash is decided as before, wherever its writes were cut off
# (tests/unit/dedup/test_crash.py), so the story context, and every key, value, source, history entry,
# update and alert must be equal.
STORY_FIELDS = ("story_id", "story_sources")


def _without_story(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_story(v) for k, v in value.items() if k not in STORY_FIELDS}
    if isinstance(value, list):
        return [_without_story(v) for v in value]
    return value


def comparable(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Claims entries by key, without their wall-clock fields and story annotations."""
    return {e["key"]: _without_story({k: v for k, v in e.items() if k not in WALL_CLOCK_FIELDS}) for e in entries}


def duplicated_ids(values: list[dict[str, Any]]) -> dict[str, int]:
    counts = collections.Counter(v["id"] for v in values)
    return {i: n for i, n in counts.items() if n > 1}


def wait_for_table(
    session: Session, worker: WorkerProcess, expected: dict[str, dict[str, Any]], timeout_seconds: float
) -> dict[str, dict[str, Any]]:
    """Poll the worker's claims table until it equals `expected` (or the deadline passes)."""
    latest: dict[str, dict[str, Any]] = {}

    def equal() -> bool:
        nonlocal latest
        try:
            latest = comparable(session.claims(worker))
        except OSError:
            return False
        return latest == expected

    try:
        session.wait_for(
            equal, "the claims table to equal the reference", timeout_seconds, worker=worker, interval_seconds=1.0
        )
    except SessionError:
        pass  # the caller's comparison says what differs
    return latest


def assert_tables_equal(actual: dict[str, dict[str, Any]], expected: dict[str, dict[str, Any]]) -> None:
    assert sorted(actual) == sorted(expected), (
        f"keys differ: missing {sorted(set(expected) - set(actual))[:5]}, "
        f"extra {sorted(set(actual) - set(expected))[:5]}"
    )
    for key in expected:
        assert actual[key] == expected[key], key


def test_worker_killed_mid_stream_loses_nothing_and_duplicates_no_update_or_alert(
    make_session, make_settings, broker_kind, capsys
) -> None:
    started = time.monotonic()
    articles = rounds_of_reports(rounds=5, per_round=100)
    reference = make_session(make_settings(partitions=1))
    crashed = make_session(make_settings(partitions=1))
    reference_worker = reference.start_worker()
    first = crashed.start_worker()
    reference.wait_ready(reference_worker)
    crashed.wait_ready(first)

    # The uninterrupted run, alongside the other (its own prefix, app id and worker).
    uninterrupted = PacedPublisher(reference, articles, per_second=1000)
    reference_started = time.monotonic()
    uninterrupted.start()
    # The same articles while the worker is killed -9 after some, not all, were processed.
    publisher = PacedPublisher(crashed, articles, per_second=15)
    publisher.start()
    crashed.wait_for(
        lambda: crashed.status().get("updates_consumed", 0) >= 100,
        "updates to flow",
        180,
        worker=first,
        interval_seconds=0.1,
    )
    at_kill = crashed.status()
    published_at_kill = publisher.sent
    crashed.stop_worker(first, kill=True)
    assert first.process.returncode == -signal.SIGKILL
    assert at_kill["articles_extracted"] < len(articles)
    second = crashed.start_worker()
    crashed.wait_ready(second)
    publisher.finish(timeout_seconds=120)
    uninterrupted.finish(timeout_seconds=60)

    reference.wait_processed(len(articles), timeout_seconds=300)
    reference_seconds = time.monotonic() - reference_started
    expected = comparable(reference.claims(reference_worker))
    reference.stop_worker(reference_worker)
    assert len(expected) >= 100

    actual = wait_for_table(crashed, second, expected, timeout_seconds=240)
    assert_tables_equal(actual, expected)
    assert article_ids_with_figures(crashed) == {a.id for a in articles}

    updates = [r.value for r in crashed.read("updates")]
    alerts = [r.value for r in crashed.read("alerts")]
    figures = [r.value for r in crashed.read("figures")]
    dead = [r.value for r in crashed.read("articles.dlq", idle_seconds=0.5)]
    reference_updates = {r.value["id"] for r in reference.read("updates")}
    reference_alerts = {r.value["id"] for r in reference.read("alerts")}
    with capsys.disabled():
        print(
            f"\ncrash on {broker_kind} ({time.monotonic() - started:.0f} s; the uninterrupted run "
            f"took {reference_seconds:.0f} s beside it): killed after "
            f"{at_kill.get('articles_extracted')} extracted / {published_at_kill} published; "
            f"{len(articles)} sent, {len(dead)} dead-lettered; updates {len(updates)} "
            f"(reference {len(reference_updates)}, duplicated ids {len(duplicated_ids(updates))}), "
            f"alerts {len(alerts)} (reference {len(reference_alerts)}, "
            f"duplicated ids {len(duplicated_ids(alerts))}), "
            f"figures {len(figures)} (duplicated ids {len(duplicated_ids(figures))})"
        )
    assert dead == []
    assert {u["id"] for u in updates} == reference_updates
    assert {a["id"] for a in alerts} == reference_alerts
    assert duplicated_ids(updates) == {}
    assert duplicated_ids(alerts) == {}


def offline_table(settings: Settings, articles: list[Article]) -> dict[str, dict[str, Any]]:
    """The claims table the stages' cores give for the articles in this order, without Kafka."""
    extractor = extract.Extractor(extract.load_nlp(settings.spacy_model))
    deduplicator = dedup.Deduplicator(settings, dedup.DedupState())
    policy, table = claims.Policy.from_settings(settings), {}
    for article in articles:
        verdict = deduplicator.observe(article)
        figures = []
        for figure in extractor.extract(article, verdict.story_context):  # as the extract agent does
            message = figure.to_message()
            message.update(
                story_id=verdict.story_id,
                duplicate_of=verdict.duplicate_of,
                is_new_version=verdict.is_new_version,
                story_sources=verdict.story_sources,
            )
            figures.append(message)
        claims.apply_figures(table, claims.order_for_apply(figures), policy, datetime.now(UTC))
    return comparable(list(table.values()))


def test_broker_stalled_for_20_seconds_loses_nothing(broker_kind: str, tmp_path: Path, capsys) -> None:
    """SIGSTOP the broker mid-stream for 20 s: producers and the worker recover by themselves."""
    articles = rounds_of_reports(rounds=3, per_round=50)
    broker = start_broker(broker_kind)  # its own: stalling the session's broker would stall other tests
    settings = new_settings(broker, partitions=1)
    expected = offline_table(settings, articles)
    try:
        with Session.start(settings, tmp_path, broker.url) as session:
            worker = session.start_worker()
            session.wait_ready(worker)
            publisher = PacedPublisher(session, articles, per_second=8)
            publisher.start()
            session.wait_for(
                lambda: session.status().get("articles_extracted", 0) >= 30, "30 articles processed", 120, worker=worker
            )
            before = session.status()
            os.kill(broker.pid, signal.SIGSTOP)
            try:
                stalled_at = time.monotonic()
                time.sleep(20)  # the fault itself lasts 20 s; this is not a wait for a condition
            finally:
                os.kill(broker.pid, signal.SIGCONT)
            published_during = publisher.sent
            publisher.finish(timeout_seconds=120)
            status = session.wait_processed(len(articles), timeout_seconds=240)
            recovered_seconds = time.monotonic() - stalled_at - 20
            actual = comparable(session.claims(worker))
            dead = [r.value for r in session.read("articles.dlq", idle_seconds=0.5)]
            updates = [r.value for r in session.read("updates")]
            alerts = [r.value for r in session.read("alerts")]
            assert worker.alive()
    finally:
        broker.stop()
    with capsys.disabled():
        print(
            f"\nbroker stall on {broker_kind}: 20 s SIGSTOP after {before.get('articles_extracted')} extracted, "
            f"{published_during} published by then; {len(articles)} sent, {len(dead)} dead-lettered, "
            f"{status.get('articles_extracted')} extracted, all processed {recovered_seconds:.0f} s after SIGCONT; "
            f"duplicated ids: updates {len(duplicated_ids(updates))}, alerts {len(duplicated_ids(alerts))}"
        )
    assert dead == []
    assert status["articles_consumed"] == len(articles)
    assert_tables_equal(actual, expected)
    assert duplicated_ids(updates) == {} and duplicated_ids(alerts) == {}
