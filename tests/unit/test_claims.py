"""Claims core: figures in, table entries and updates messages out (no Kafka)."""

from __future__ import annotations

import copy
import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pipeline import schemas
from pipeline.claims import (
    Interval,
    Outcome,
    Policy,
    apply_figure,
    apply_figures,
    interval_of,
    order_for_apply,
)
from pipeline.settings import Settings

NOW = datetime(2026, 2, 6, 12, 0, tzinfo=UTC)
POLICY = Policy(contradiction_window=timedelta(hours=48), history_limit=50)
KEY = "ukraine-military|deaths|cumulative"
CASUALTIES_KEY = "ukraine-military|casualties|cumulative"
CIVILIANS_2025_KEY = "ukraine-civilians|deaths|period:2025"


def figure(
    article_id: str,
    source: str,
    published_at: str,
    value: float,
    text: str,
    as_of: str,
    qualifier: str = "exact",
    *,
    key: str = KEY,
    start: int = 0,
    measure: str = "deaths",
    subject: str | None = "Ukraine / military",
    scope: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A figures.json message; the id derives from the article and the span, as the extractor's does."""
    message: dict[str, Any] = {
        "schema_version": 1,
        "id": f"{article_id}:{start}",
        "article_id": article_id,
        "source": source,
        "published_at": published_at,
        "text": text,
        "start": start,
        "end": start + len(text),
        "value": value,
        "low": None,
        "high": None,
        "qualifier": qualifier,
        "unit": "count",
        "measure": measure,
        "subject": subject,
        "location": "Ukraine",
        "attributed_to": "Volodymyr Zelensky",
        "as_of": as_of,
        "scope": scope or {"kind": "cumulative"},
        "key": key,
        "change": None,
        "vague": False,
        "received_at": published_at,
    }
    message.update(extra)
    schemas.validate("figures", message)
    return message


def seed_articles() -> dict[str, list[dict[str, Any]]]:
    """Five outlets on one story, as the seeds give it: 55,000 now, and 43,000 or more than 46,000 before."""

    def article(art: str, source: str, published: str, *figures_: tuple[Any, ...]) -> list[dict[str, Any]]:
        out = []
        for start, (value, text, as_of, qualifier, extra) in enumerate(figures_):
            out.append(figure(art, source, published, value, text, as_of, qualifier, start=start * 100, **extra))
        return out

    casualties = {"key": CASUALTIES_KEY, "measure": "casualties"}
    civilians = {
        "key": CIVILIANS_2025_KEY,
        "subject": "Ukraine / civilians",
        "scope": {"kind": "period", "start": "2025-01-01", "end": "2025-12-31", "label": "in 2025"},
    }
    return {
        # The newest figure comes first in each article, as in the seeds: order_for_apply must reorder.
        "aljazeera": article(
            "aljazeera-1",
            "aljazeera",
            "2026-02-04T18:40:00Z",
            (55000, "an estimated 55,000", "2026-02-04", "approx", {}),
            (46000, "more than 46,000", "2025-02-01", "more_than", {}),
            (400000, "nearly 400,000", "2025-07-01", "approx", casualties),
            (2514, "2,514", "2025-12-31", "exact", civilians),
        ),
        "reuters": article(
            "reuters-1",
            "reuters",
            "2026-02-04T21:15:00Z",
            (55000, "estimated at 55,000", "2026-02-04", "approx", {}),
            (55000, "55,000", "2026-02-04", "exact", {}),
            (46000, "more than 46,000", "2025-02-01", "more_than", {}),
            (
                7,
                "at least seven",
                "2026-02-04",
                "at_least",
                {"key": "donetsk|deaths|point", "subject": None, "scope": {"kind": "point"}},
            ),
        ),
        "nationalherald": article(
            "nationalherald-1",
            "nationalherald",
            "2026-02-05T06:30:00Z",
            (55000, "an estimated 55,000", "2026-02-04", "approx", {}),
            (46000, "more than 46,000", "2025-02-01", "more_than", {}),
            (400000, "nearly 400,000", "2025-07-01", "approx", casualties),
            (2514, "2,514", "2025-12-31", "exact", civilians),
        ),
        "euronews": article(
            "euronews-1",
            "euronews",
            "2026-02-05T09:05:00Z",
            (55000, "around 55,000", "2026-02-05", "approx", {}),
            (43000, "43,000", "2024-12-01", "exact", {}),
        ),
        "bbc": article(
            "bbc-1",
            "bbc",
            "2026-02-05T16:20:00Z",
            (55000, "55,000", "2026-02-04", "exact", {}),
            (1000, "thousands", "2026-02-05", "approx", {"vague": True}),
            (43000, "43,000", "2024-12-01", "exact", {}),
            (
                160000,
                "almost 160,000",
                "2026-02-05",
                "approx",
                {"key": "russia-military|deaths|cumulative", "subject": "Russia / military"},
            ),
        ),
    }


def run(
    figures: list[dict[str, Any]], table: dict[str, dict[str, Any]] | None = None, policy: Policy = POLICY
) -> tuple[dict[str, dict[str, Any]], list[Outcome]]:
    table = {} if table is None else table
    return table, apply_figures(table, figures, policy, NOW)


def kinds(outcomes: list[Outcome]) -> list[str]:
    return [o.kind for o in outcomes]


def check_schemas(table: dict[str, dict[str, Any]], outcomes: list[Outcome]) -> None:
    for entry in table.values():
        schemas.validate("claim-entry", entry)
    for outcome in outcomes:
        if outcome.entry is not None:
            schemas.validate("claim-entry", outcome.entry)
        if outcome.update is not None:
            schemas.validate("updates", outcome.update)
        assert (outcome.update is not None) == (outcome.kind in ("update", "contradiction"))
        assert outcome.explanation and "\n" not in outcome.explanation


# --- qualifiers as intervals -------------------------------------------------------------------


def claim(value: float, qualifier: str, text: str = "", **extra: Any) -> dict[str, Any]:
    return {"value": value, "qualifier": qualifier, "text": text or str(value), **extra}


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (claim(46000, "more_than", "more than 46,000"), claim(55000, "exact"), True),
        (claim(400000, "approx", "nearly 400,000"), claim(400000, "approx", "about 400,000"), True),
        (claim(1200, "exact"), claim(2500, "exact"), False),
        (claim(55000, "exact"), claim(55100, "exact"), True),  # rounding
        (claim(55000, "exact"), claim(56000, "exact"), False),
        (claim(400000, "approx", "nearly 400,000"), claim(420000, "exact"), False),  # nearly: below only
        (claim(400000, "approx", "about 400,000"), claim(420000, "exact"), True),
        (claim(46000, "more_than"), claim(46000, "exact"), True),  # 46,000 * 1.005 is more than 46,000
        (claim(46000, "more_than"), claim(46000, "at_most"), False),  # touch at 46,000, which more_than excludes
        (claim(46000, "at_least"), claim(46000, "at_most"), True),
        (claim(100, "less_than"), claim(150, "exact"), False),
        (claim(100, "less_than"), claim(50, "at_least"), True),
        (claim(1000, "range", low=1000, high=2000), claim(1500, "exact"), True),
        (claim(1000, "range", low=1000, high=2000), claim(2500, "approx"), False),  # 2,250..2,750 vs 1,000..2,000
        (claim(1000, "range", low=1000, high=2000), claim(2200, "approx"), True),  # 1,980..2,420
        (claim(1000, "range", low=1000, high=2000), claim(3000, "exact"), False),
    ],
)
def test_qualifier_intervals_agree_or_not(a: dict[str, Any], b: dict[str, Any], agree: bool) -> None:
    assert interval_of(a).overlaps(interval_of(b)) is agree
    assert interval_of(b).overlaps(interval_of(a)) is agree


def test_interval_shapes() -> None:
    exact, about = interval_of(claim(100, "exact")), interval_of(claim(100, "approx", "about 100"))
    assert (exact.low, exact.high) == (99.5, pytest.approx(100.5))
    assert (about.low, about.high) == (90, pytest.approx(110))
    assert interval_of(claim(100, "approx", "nearly 100")) == Interval(90, 100)
    assert interval_of(claim(100, "more_than")) == Interval(100, float("inf"), low_open=True)
    assert interval_of(claim(100, "at_most")) == Interval(0, 100)
    assert interval_of(claim(100, "less_than")) == Interval(0, 100, high_open=True)
    assert interval_of(claim(-5, "at_most")).low == float("-inf")  # a temperature can go below zero


# --- the kinds of change -----------------------------------------------------------------------


def test_series_of_updates_for_a_growing_total() -> None:
    figures = [
        figure("bbc-2024", "bbc", "2024-12-20T10:00:00Z", 43000, "43,000", "2024-12-01"),
        figure("nbc-2025", "nbc", "2025-02-10T10:00:00Z", 46000, "more than 46,000", "2025-02-01", "more_than"),
        figure("reuters-2026", "reuters", "2026-02-04T21:15:00Z", 55000, "55,000", "2026-02-04"),
    ]
    table, outcomes = run(figures)
    assert kinds(outcomes) == ["new", "update", "update"]
    check_schemas(table, outcomes)
    entry = table[KEY]
    assert entry["latest"]["value"] == 55000
    assert [c["value"] for c in entry["history"]] == [43000, 46000]
    assert entry["sources"] == ["reuters"]
    last = outcomes[-1].update
    assert last is not None
    assert last["old"]["value"] == 46000 and last["new"]["value"] == 55000
    assert last["explanation"] == (
        "Ukraine / military deaths: 55,000 (Volodymyr Zelensky, 2026-02-04, reuters) "
        "updates more than 46,000 (2025-02-01)"
    )
    assert last["received_at"] == "2026-02-04T21:15:00Z"
    assert last["emitted_at"] == "2026-02-06T12:00:00Z"
    assert last["article_ids"] == ["reuters-2026"]


def test_contradiction_same_day_two_sources_is_raised_once() -> None:
    figures = [
        figure("reuters-m", "reuters", "2026-03-01T10:00:00Z", 1200, "1,200", "2026-03-01", subject=None),
        figure("ap-m", "ap", "2026-03-01T11:00:00Z", 2500, "2,500", "2026-03-01", subject=None),
    ]
    table, outcomes = run(figures)
    assert kinds(outcomes) == ["new", "contradiction"]
    check_schemas(table, outcomes)
    update = outcomes[1].update
    assert update is not None
    assert update["explanation"] == "contradiction: reuters says 1,200 deaths on 2026-03-01, ap says 2,500 the same day"
    assert update["article_ids"] == ["reuters-m", "ap-m"]
    entry = table[KEY]
    assert entry["latest"]["value"] == 1200  # the first claim stands; the dispute sits beside it
    assert [c["value"] for c in entry["disputed"]] == [2500]
    # Redelivery of both changes nothing and raises nothing.
    again = apply_figures(table, figures, POLICY, NOW)
    assert kinds(again) == ["repeat", "repeat"]


def test_cumulative_total_going_down_later_is_one_contradiction() -> None:
    figures = [
        figure("a", "bbc", "2026-02-05T10:00:00Z", 55000, "55,000", "2026-02-04"),
        figure("b", "tass", "2026-04-01T10:00:00Z", 30000, "30,000", "2026-04-01"),
    ]
    table, outcomes = run(figures)
    assert kinds(outcomes) == ["new", "contradiction"]
    check_schemas(table, outcomes)
    assert "running total" in outcomes[1].explanation
    assert table[KEY]["latest"]["value"] == 55000


def test_cumulative_total_lower_within_qualifiers_is_not_a_contradiction() -> None:
    figures = [
        figure("a", "bbc", "2026-02-05T10:00:00Z", 55000, "about 55,000", "2026-02-04", "approx"),
        figure("b", "cnn", "2026-04-01T10:00:00Z", 52000, "at least 52,000", "2026-04-01", "at_least"),
    ]
    table, outcomes = run(figures)
    assert kinds(outcomes) == ["new", "corroboration"]
    assert table[KEY]["sources"] == ["bbc", "cnn"]


def test_period_count_can_be_revised_down_later() -> None:
    scope = {"kind": "period", "start": "2025-01-01", "end": "2025-12-31", "label": "in 2025"}
    figures = [
        figure("a", "un", "2026-01-10T10:00:00Z", 2600, "2,600", "2025-12-31", key="p", scope=scope),
        figure("b", "un", "2026-03-10T10:00:00Z", 2514, "2,514", "2026-03-01", key="p", scope=scope),
    ]
    _, outcomes = run(figures)
    assert kinds(outcomes) == ["new", "update"]


def test_corroboration_counts_a_source_once_and_emits_nothing() -> None:
    figures = [
        figure("reuters-1", "reuters", "2026-02-04T21:15:00Z", 55000, "55,000", "2026-02-04"),
        figure("bbc-1", "bbc", "2026-02-05T16:20:00Z", 55000, "55,000", "2026-02-04"),
        figure("bbc-2", "bbc", "2026-02-05T18:00:00Z", 55000, "some 55,000", "2026-02-05", "approx"),
        figure("reuters-2", "reuters", "2026-02-05T19:00:00Z", 55000, "55,000", "2026-02-04", start=40),
    ]
    table, outcomes = run(figures)
    assert kinds(outcomes) == ["new", "corroboration", "corroboration", "corroboration"]
    assert all(o.update is None for o in outcomes)
    check_schemas(table, outcomes)
    assert table[KEY]["sources"] == ["bbc", "reuters"]
    assert "already counted" in outcomes[2].explanation
    assert table[KEY]["latest"]["figure_id"] == "reuters-1:0"  # exact, first published


def test_corroboration_carries_how_many_outlets_reported_the_story() -> None:
    """Dedup counts the outlets that reported a story; the table keeps the largest count behind the latest value."""
    figures = [
        figure("reuters-1", "reuters", "2026-02-04T21:15:00Z", 55000, "55,000", "2026-02-04", story_sources=2),
        figure("bbc-1", "bbc", "2026-02-05T16:20:00Z", 55000, "55,000", "2026-02-04", story_sources=4),
        figure("afp-1", "afp", "2026-02-05T17:00:00Z", 55000, "55,000", "2026-02-04", story_sources=3),
    ]
    table, outcomes = run(figures)
    assert kinds(outcomes) == ["new", "corroboration", "corroboration"]
    check_schemas(table, outcomes)
    assert table[KEY]["story_sources"] == 4
    assert table[KEY]["latest"]["story_sources"] == 2
    assert "the story was reported by 4 outlets" in outcomes[1].explanation
    update = figure("ap-1", "ap", "2026-02-12T10:00:00Z", 56000, "56,000", "2026-02-12", story_sources=1)
    table, outcomes = run([update], table)
    assert kinds(outcomes) == ["update"] and table[KEY]["story_sources"] == 1


def test_old_as_of_goes_to_history_without_alert() -> None:
    figures = [
        figure("bbc-1", "bbc", "2026-02-05T16:20:00Z", 55000, "55,000", "2026-02-04"),
        figure("bbc-1", "bbc", "2026-02-05T16:20:00Z", 43000, "43,000", "2024-12-01", start=500),
        figure("x", "x", "2026-02-05T16:20:00Z", 90000, "90,000", "2025-06-01"),  # odd but old: history
    ]
    table, outcomes = run(figures)
    assert kinds(outcomes) == ["new", "history", "history"]
    check_schemas(table, outcomes)
    assert [c["value"] for c in table[KEY]["history"]] == [43000, 90000]
    assert table[KEY]["latest"]["value"] == 55000


def test_history_is_bounded_and_sorted() -> None:
    policy = Policy(contradiction_window=timedelta(hours=48), history_limit=2)
    figures = [figure("now", "a", "2026-02-05T00:00:00Z", 55000, "55,000", "2026-02-04")]
    figures += [
        figure(f"old{i}", "a", "2026-02-05T00:00:00Z", 1000 * (i + 1), f"{i + 1},000", f"202{i}-06-01")
        for i in (3, 0, 2, 1)
    ]
    table, _ = run(figures, policy=policy)
    assert [c["as_of"] for c in table[KEY]["history"]] == ["2022-06-01", "2023-06-01"]


def test_duplicate_article_raises_nothing() -> None:
    original = figure("reuters-1", "reuters", "2026-02-04T21:15:00Z", 55000, "55,000", "2026-02-04")
    copy_ = figure(
        "yahoo-1",
        "yahoo",
        "2026-02-04T22:00:00Z",
        2500,
        "2,500",
        "2026-02-04",
        duplicate_of="reuters-1",
        is_new_version=False,
    )
    table, outcomes = run([original, copy_])
    assert kinds(outcomes) == ["new", "duplicate"]
    assert outcomes[1].update is None
    check_schemas(table, outcomes)
    assert table[KEY]["sources"] == ["reuters"] and table[KEY]["latest"]["value"] == 55000
    assert apply_figure(None, copy_, POLICY, NOW) == Outcome("duplicate", outcomes[1].explanation, None)


def test_write_through_new_version_is_processed() -> None:
    original = figure("reuters-1", "reuters", "2026-02-04T21:15:00Z", 1200, "1,200", "2026-02-04")
    version = figure(
        "reuters-1b",
        "reuters",
        "2026-02-04T23:00:00Z",
        2500,
        "2,500",
        "2026-02-04",
        duplicate_of="reuters-1",
        is_new_version=True,
    )
    _, outcomes = run([original, version])
    assert kinds(outcomes) == ["new", "contradiction"]


def test_vague_and_change_figures_are_ignored() -> None:
    vague = figure("a", "bbc", "2026-02-05T00:00:00Z", 1000, "thousands", "2026-02-05", "approx", vague=True)
    change = figure("b", "bbc", "2026-02-05T00:00:00Z", 3, "rose 3%", "2026-02-05", change={"direction": "up"})
    table, outcomes = run([vague, change])
    assert kinds(outcomes) == ["ignored", "ignored"]
    assert table == {}


def test_repeat_of_a_figure_id_changes_nothing() -> None:
    first = figure("a", "bbc", "2026-02-05T00:00:00Z", 43000, "43,000", "2024-12-01")
    second = figure("b", "bbc", "2026-02-05T00:00:00Z", 55000, "55,000", "2026-02-04")
    entry = apply_figure(None, first, POLICY, NOW).entry
    updated = apply_figure(entry, second, POLICY, NOW)
    assert updated.kind == "update" and updated.entry is not None
    snapshot = copy.deepcopy(updated.entry)
    later = NOW + timedelta(hours=5)
    for fig in (first, second):
        again = apply_figure(updated.entry, fig, POLICY, later)
        assert again.kind == "repeat" and again.entry is None and again.update is None
    assert updated.entry == snapshot


def test_seen_ids_are_bounded_but_stored_claims_still_count_as_applied() -> None:
    policy = Policy(contradiction_window=timedelta(hours=48), history_limit=50, seen_limit=3)
    figures = [figure("first", "a", "2026-02-04T00:00:00Z", 55000, "55,000", "2026-02-04")]
    figures += [figure(f"c{i}", f"s{i}", "2026-02-04T01:00:00Z", 55000, "55,000", "2026-02-04") for i in range(5)]
    table, _ = run(figures, policy=policy)
    assert table[KEY]["seen_figure_ids"] == ["c2:0", "c3:0", "c4:0"]
    assert apply_figure(table[KEY], figures[0], policy, NOW).kind == "repeat"  # it is the latest claim


def test_update_ids_are_deterministic_across_replays() -> None:
    figures = [
        figure("a", "bbc", "2026-02-05T00:00:00Z", 43000, "43,000", "2024-12-01"),
        figure("b", "bbc", "2026-02-05T00:00:00Z", 55000, "55,000", "2026-02-04"),
    ]
    _, first = run(figures)
    second = apply_figures({}, figures, POLICY, NOW + timedelta(days=1))
    assert first[1].update is not None and second[1].update is not None
    assert first[1].update["id"] == second[1].update["id"]


def test_apply_figures_twice_emits_nothing_new() -> None:
    figures = [f for art in seed_articles().values() for f in order_for_apply(art)]
    table, _ = run(figures)
    snapshot = copy.deepcopy(table)
    again = apply_figures(table, figures, POLICY, NOW + timedelta(hours=1))
    assert {o.kind for o in again} <= {"repeat", "ignored"}
    assert all(o.update is None and o.entry is None for o in again)
    assert table == snapshot


def test_policy_from_settings() -> None:
    policy = Policy.from_settings(Settings())
    assert policy == Policy(contradiction_window=timedelta(hours=48), history_limit=50, seen_limit=500)


# --- order independence over the seed-like story ------------------------------------------------


def summary(table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        key: (
            entry["latest"]["figure_id"],
            entry["latest"]["value"],
            [(c["value"], c["figure_id"]) for c in entry["history"]],
            entry["sources"],
            sorted(entry["seen_figure_ids"]),
        )
        for key, entry in table.items()
    }


def test_every_order_of_the_seed_articles_gives_one_table_and_one_update_to_55000() -> None:
    articles = seed_articles()
    summaries = []
    for order in itertools.permutations(articles):
        table: dict[str, dict[str, Any]] = {}
        outcomes: list[Outcome] = []
        for name in order:
            outcomes += apply_figures(table, order_for_apply(articles[name]), POLICY, NOW)
        check_schemas(table, outcomes)
        entry = table[KEY]
        assert entry["latest"]["value"] == 55000, order
        assert [c["value"] for c in entry["history"]] == [43000, 46000], order
        assert entry["sources"] == ["aljazeera", "bbc", "euronews", "nationalherald", "reuters"], order
        updates = [o.update for o in outcomes if o.update is not None]
        assert [u["kind"] for u in updates] == ["update"], order
        assert updates[0]["new"]["value"] == 55000 and updates[0]["key"] == KEY
        assert "contradiction" not in kinds(outcomes)
        summaries.append(summary(table))
    assert len(summaries) == 120
    assert all(s == summaries[0] for s in summaries)
    # Agreeing claims are represented by the most precise, first published one, whatever the order.
    assert summaries[0][KEY][0] == "reuters-1:100"
