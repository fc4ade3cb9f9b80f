"""The claims stage's verdicts on the real broker: contradictions, replays, restarts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.ingest import Article
from tests.factories import flood_report

pytestmark = pytest.mark.integration


def run(session, articles: list[Article], already: int = 0) -> None:
    session.publish(articles)
    session.wait_processed(already + len(articles))


def outputs(session) -> tuple[list[dict], list[dict]]:
    return [r.value for r in session.read("updates")], [r.value for r in session.read("alerts")]


def test_two_sources_on_the_same_day_contradict_exactly_once(make_session) -> None:
    session = make_session()
    session.wait_ready(session.start_worker())
    run(
        session,
        [
            flood_report("ctk-1", "ctk", "1,200", "the interior minister Jan Novak", 10),
            flood_report("dpa-1", "dpa", "2,500", "the Red Cross", 12),
            flood_report("ap-1", "ap", "2,500", "the Red Cross", 13),  # the same disputed value again
        ],
    )
    updates, alerts = outputs(session)
    contradictions = [u for u in updates if u["kind"] == "contradiction"]
    assert len(contradictions) == 1, updates
    assert {contradictions[0]["old"]["value"], contradictions[0]["new"]["value"]} == {1200, 2500}
    assert contradictions[0]["explanation"]
    assert len(alerts) == 1 and alerts[0]["update"]["id"] == contradictions[0]["id"]


def test_a_cumulative_total_that_goes_down_is_a_contradiction(make_session) -> None:
    session = make_session()
    session.wait_ready(session.start_worker())
    first = flood_report("ctk-1", "ctk", "1,200", "the interior minister Jan Novak", 10)
    later = Article(
        id="ctk-2",
        source="ctk",
        published_at=datetime(2026, 3, 9, 9, 0, tzinfo=UTC),
        headline="Floods in Moravia",
        body=first.body.replace("1,200", "800").replace("Monday", "Monday"),
    )
    run(session, [first, later])
    updates, _ = outputs(session)
    assert [u["kind"] for u in updates] == ["contradiction"], updates
    assert updates[0]["old"]["value"] == 1200 and updates[0]["new"]["value"] == 800


def test_republishing_after_a_restart_emits_nothing_new(make_session, seed_articles) -> None:
    session = make_session()
    first = session.start_worker()
    session.wait_ready(first)
    run(session, seed_articles)
    updates, alerts = outputs(session)
    table = session.claims()
    assert any(u["kind"] == "update" and u["new"]["value"] == 55000 for u in updates)

    session.stop_worker(first)
    second = session.start_worker()
    session.wait_ready(second)
    assert session.claims(second) == table, "the restarted worker recovered the same table"
    run(session, seed_articles, already=0)  # counters restart with the process

    updates_after, alerts_after = outputs(session)
    assert [u["id"] for u in updates_after] == [u["id"] for u in updates]
    assert [a["id"] for a in alerts_after] == [a["id"] for a in alerts]
    after = {e["key"]: e for e in session.claims(second)}
    for entry in table:
        # Replayed figures are recognised as already applied: only last_seen may move.
        assert {k: v for k, v in after[entry["key"]].items() if k != "last_seen"} == {
            k: v for k, v in entry.items() if k != "last_seen"
        }
