"""Workers joining and leaving mid-stream: partitions move, nothing is lost, and reads are routed.

Two workers share six partitions; while articles stream in, a third joins (a rebalance) and then
the first leaves cleanly (another). Six, not four: Faust's assignor is sticky and fills each worker
up to ceil(partitions / workers), so with four partitions the two workers already hold two each and
a third gets only standby replicas until one leaves; with six, each gives one up.

Every article must reach the figures topic, every claim key must be in the table of the worker that
holds its partition, and `GET /claims/{key}` on any worker must answer for every key: Faust routes
it to the worker that holds the key, at the address that worker advertises (WIRETALLY_WEB_HOST,
issue 16).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
from contextlib import closing

import pytest

from pipeline.evaluation.runner import Session, SessionError, WorkerProcess
from pipeline.stream import clients
from tests.factories import synthetic_articles
from tests.integration.streaming import (
    PacedPublisher,
    admin_client,
    article_ids_with_figures,
    committed_offsets,
    trail,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def consumed(worker: WorkerProcess) -> int:
    """Articles this worker has read from the articles topic."""
    return int(worker.get_json("/status")["articles_consumed"])


def committed_to(session: Session, topic: str) -> dict[int, int]:
    """The group's committed offsets on a topic, for a failure message."""
    with closing(admin_client(session)) as admin:
        return committed_offsets(admin, session.settings, topic)


def stage_commits(session: Session) -> dict[str, dict[int, int]]:
    """The group's committed offsets on each internal topic an article passes, for a failure message: a record
    of the trail below its partition's commit was processed (or skipped), one at or above it was not yet read."""
    return {topic: committed_to(session, topic) for topic in ("articles.accepted", "dedup.route", "articles.deduped")}


def where_the_keys_are(session: Session, keys: set[str]) -> str:
    """For a failure message: the claims changelog's records of the keys (written, then lost in recovery?) and the
    partitions each worker holds (which worker should have them)."""
    changelog = f"{session.settings.app_id}-claims-changelog"
    logged = sorted(
        (r.key, r.partition, r.offset, r.value is None)
        for r in clients.read_topic(session.broker_url, changelog, idle_seconds=0.5)
        if r.key in keys
    )
    held = {w.web_port: w.get_json("/claims?scope=local")["partitions"] for w in session.workers if w.alive()}
    return f"claims changelog records of those keys (key, partition, offset, tombstone): {logged}\nheld: {held}"


def claim_keys_on_topic(session: Session) -> set[str]:
    """Every claim key on the figures topic."""
    return {r.value["key"] for r in session.read("figures", idle_seconds=0.5)}


def test_workers_join_and_leave_mid_stream_and_nothing_is_lost(make_session, make_settings, broker_kind, capsys):
    started = time.monotonic()
    # A generous extraction budget: on a loaded 2-core machine three workers and the broker share the CPU, and an
    # article over the default 5 s would be dead-lettered (by design) and never show figures.
    session = make_session(make_settings(partitions=6, extract_budget_seconds=60))
    first, second = session.start_worker(), session.start_worker()
    session.wait_ready(first)
    session.wait_ready(second)
    articles = synthetic_articles(90, seed=31)
    # The publisher holds after 20 articles until the third worker is ready, so that articles are
    # still to come when it joins, however long its start takes on a loaded machine.
    publisher = PacedPublisher(session, articles, per_second=6, hold_at=20)
    publisher.start()

    session.wait_for(lambda: publisher.sent >= 20, "20 articles published", 60, interval_seconds=0.2)
    third = session.start_worker()
    session.wait_ready(third)  # ready: its partitions assigned and their tables recovered
    publisher.resume()
    session.wait_for(lambda: consumed(third) > 0, "the joining worker to consume", 120, worker=third)
    session.wait_for(lambda: publisher.sent >= 60, "60 articles published", 120, interval_seconds=0.2)
    first_consumed = consumed(first)
    session.stop_worker(first)  # SIGTERM: commits and leaves the group
    assert first.process.returncode == 0, first.log_tail()
    publisher.finish(timeout_seconds=120)

    expected_ids = {a.id for a in articles}
    missing: set[str] = set()

    def all_figures() -> bool:
        missing.clear()
        missing.update(expected_ids - article_ids_with_figures(session))
        return not missing

    try:
        session.wait_for(all_figures, "every article's figures", 300, interval_seconds=2)
    except SessionError as exc:
        dead = [r.value.get("reason") for r in session.read("articles.dlq", idle_seconds=0.5)]
        logs = "\n".join(w.log_tail() for w in (first, second, third))
        raise AssertionError(
            f"{exc}\nno figures yet for {sorted(missing)}; articles.dlq reasons: {dead}\n"
            f"where they got to: {trail(session, missing)}\n"
            f"committed offsets (next to read) per articles partition: {committed_to(session, 'articles')}\n"
            f"and per partition of the stages after it: {stage_commits(session)}\n{logs}"
        ) from exc
    keys = claim_keys_on_topic(session)
    table: dict[str, dict] = {}

    def table_complete() -> bool:
        try:
            table.clear()
            table.update({e["key"]: e for e in session.claims()})
        except (OSError, ValueError):
            return False
        return set(table) >= keys

    try:
        session.wait_for(table_complete, "every claim key in the workers' tables", 240, interval_seconds=2)
    except SessionError as exc:
        absent = keys - set(table)
        figures = [r for r in session.read("figures", idle_seconds=0.5) if r.value["key"] in absent]
        where = sorted({(r.value["key"], r.partition, r.offset, r.value["article_id"]) for r in figures})
        dead = [(r.value.get("reason"), r.value.get("detail")) for r in session.read("articles.dlq", idle_seconds=0.5)]
        logs = "\n".join(w.log_tail() for w in (first, second, third))
        committed = committed_to(session, "figures")
        raise AssertionError(
            f"{exc}\nnot in any table: {where}\narticles.dlq: {dead}\n"
            f"committed offsets (next to read) per figures partition: {committed}\n"
            f"{where_the_keys_are(session, absent)}\n{logs}"
        ) from exc
    assert set(table) == keys
    assert article_ids_with_figures(session) == expected_ids
    assert [r.value for r in session.read("articles.dlq", idle_seconds=0.5)] == []

    # Any worker answers for any key: a key held by the other is routed there (issue 16).
    for worker in (second, third):
        for key, entry in table.items():
            path = "/claims/" + urllib.parse.quote(key, safe="")
            try:
                assert worker.get_json(path, timeout_seconds=10) == entry, key
            except urllib.error.HTTPError as exc:
                pytest.fail(f"GET {path} on port {worker.web_port}: {exc.code} {exc.read()[:200]!r}")
    assert worker.get_json("/live") == {"status": "alive"}

    # Every article processed, the group's commits reach the end of each articles partition: an offset
    # skipped without being acked would hold its partition's commit back (and lose it, if committed past).
    # The ends are read from the records: Tansu's ListOffsets(latest) is wrong for the publisher's batches.
    ends: dict[int, int] = {}
    for r in session.read("articles", idle_seconds=0.5):
        ends[r.partition] = max(ends.get(r.partition, 0), r.offset + 1)
    committed: dict[int, int] = {}
    with closing(admin_client(session)) as admin:

        def committed_to_the_end() -> bool:
            committed.clear()
            committed.update(committed_offsets(admin, session.settings, "articles"))
            return committed == ends

        try:
            session.wait_for(
                committed_to_the_end, "commits to the end of every articles partition", 60, interval_seconds=1
            )
        except SessionError as exc:
            raise AssertionError(f"{exc}\ncommitted {committed}, ends {ends}") from exc
    with capsys.disabled():
        print(
            f"\nrebalance on {broker_kind} ({time.monotonic() - started:.0f} s): {len(articles)} articles, "
            f"first worker consumed {first_consumed} before leaving, second {consumed(second)}, "
            f"third (joined mid-stream) {consumed(third)}; {len(keys)} claim keys, none lost; "
            f"GET /claims/{{key}} answered on both remaining workers for every key"
        )
