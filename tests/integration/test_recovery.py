"""Restart: fill the claims table, stop the worker, start a new one, compare entry by entry.

On Tansu, ListOffsets(latest) answers the newest batch's base offset + 1; the embedded profile
sends one record per batch so that Faust's changelog recovery reads to the true end.
"""

from __future__ import annotations

import pytest

from tests.factories import synthetic_articles

pytestmark = pytest.mark.integration


def test_restarted_worker_recovers_the_claims_table_entry_for_entry(make_session, seed_articles, capsys) -> None:
    session = make_session()
    first = session.start_worker()
    session.wait_ready(first)
    articles = seed_articles + synthetic_articles(40)
    session.publish(articles)
    session.wait_processed(len(articles))
    before = session.claims(first)
    assert len(before) >= 40

    session.stop_worker(first)
    second = session.start_worker()
    ready_seconds = session.wait_ready(second)
    after = session.claims(second)

    assert [e["key"] for e in after] == [e["key"] for e in before]
    for old, new in zip(before, after, strict=True):
        assert new == old, old["key"]
    with capsys.disabled():
        print(f"\nrestart-to-ready: {ready_seconds:.1f} s with {len(after)} claim keys recovered")


def test_restarted_worker_still_finds_copies_of_articles_seen_before_it(make_session, seed_articles) -> None:
    """The dedup index lives in a table too: a repost after the restart is matched to the original."""
    from dataclasses import replace
    from datetime import timedelta

    session = make_session()
    first = session.start_worker()
    session.wait_ready(first)
    session.publish(seed_articles)
    session.wait_processed(len(seed_articles))
    session.stop_worker(first)

    second = session.start_worker()
    session.wait_ready(second)
    original = seed_articles[-1]
    paragraphs = original.body.split("\n")
    trimmed = replace(
        original,
        id="repost-after-restart",
        source="aggregator",
        body="\n".join(paragraphs[: max(3, len(paragraphs) // 3)]),
        published_at=original.published_at + timedelta(hours=1),
    )
    session.publish([trimmed])
    session.wait_processed(1)

    verdicts = {r.value["article"]["id"]: r.value["dedup"] for r in session.read("articles.deduped")}
    assert verdicts["repost-after-restart"]["duplicate_of"] == original.id
    assert verdicts["repost-after-restart"]["story_id"] == verdicts[original.id]["story_id"]


def changelog_records(session, settings) -> int:
    """Records on the three table changelogs now (every one ever written: nothing is compacted here)."""
    from pipeline.stream import clients
    from pipeline.stream.app import TABLES

    return sum(
        len(clients.read_topic(session.broker_url, f"{settings.app_id}-{table}-changelog", idle_seconds=0.5))
        for table in TABLES
    )


def test_restarted_worker_with_its_local_state_reads_only_the_changelog_written_since(
    make_session, make_settings, seed_articles, capsys
) -> None:
    """With WIRETALLY_STORE=rocksdb a worker keeps its tables on disk with the offset they reached.

    The first worker fills the tables and stops; a second, with no local state, recovers every
    changelog record and then adds some; the first worker's directory, restarted, recovers exactly
    the records the second wrote, and has the whole table.
    """
    settings = make_settings(store="rocksdb")
    session = make_session(settings)
    articles = seed_articles + synthetic_articles(40, seed=7)
    first = session.start_worker()
    session.wait_ready(first)
    session.publish(articles[:30])
    session.wait_processed(30)
    session.stop_worker(first)
    written_by_first = changelog_records(session, settings)

    second = session.start_worker()
    fresh_ready_seconds = session.wait_ready(second)
    assert session.status()["changelog_records_recovered"] == written_by_first
    session.publish(articles[30:])
    session.wait_processed(len(articles) - 30)  # counted by the second worker, from its start
    before = session.claims(second)
    session.stop_worker(second)
    written_by_second = changelog_records(session, settings) - written_by_first
    assert written_by_second > 0

    third = session.start_worker(data_dir=first.data_dir)
    local_ready_seconds = session.wait_ready(third)
    assert session.status()["changelog_records_recovered"] == written_by_second
    after = session.claims(third)
    assert [e["key"] for e in after] == [e["key"] for e in before]
    for old, new in zip(before, after, strict=True):
        assert new == old, old["key"]
    # Killed, the worker's local state is not trusted (it may hold writes the changelog never got):
    # the next start on its directory recovers from the changelog alone.
    session.stop_worker(third, kill=True)
    fourth = session.start_worker(data_dir=first.data_dir)
    session.wait_ready(fourth)
    assert session.status()["changelog_records_recovered"] == written_by_first + written_by_second
    assert session.claims(fourth) == after
    with capsys.disabled():
        print(
            f"\nrestart-to-ready: {fresh_ready_seconds:.1f} s reading all {written_by_first} changelog records, "
            f"{local_ready_seconds:.1f} s with local state reading the {written_by_second} written since"
        )
