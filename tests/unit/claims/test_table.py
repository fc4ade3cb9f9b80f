"""The claims table: idempotent, bounded, and the same whatever the interleaving or arrival order (issue 15)."""

from __future__ import annotations

import copy
import itertools
import random
from datetime import timedelta
from typing import Any

from pipeline.claims import Outcome, Policy, apply_figure, apply_figures, order_for_apply
from pipeline.settings import Settings
from tests.unit.claims.factory import KEY, NOW, POLICY, F, article, figure, replay

CASUALTIES_KEY = "ukraine-military|casualties|cumulative"
CIVILIANS_2025_KEY = "ukraine-civilians|deaths|period:2025"


def seed_articles() -> dict[str, list[dict[str, Any]]]:
    """Five outlets on one story, as the seeds give it: 55,000 now, and 43,000 or more than 46,000 before."""

    def one(art: str, source: str, published: str, *figures_: tuple[Any, ...]) -> list[dict[str, Any]]:
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
        "aljazeera": one(
            "aljazeera-1",
            "aljazeera",
            "2026-02-04T18:40:00Z",
            (55000, "an estimated 55,000", "2026-02-04", "approx", {}),
            (46000, "more than 46,000", "2025-02-01", "more_than", {}),
            (400000, "nearly 400,000", "2025-07-01", "approx", casualties),
            (2514, "2,514", "2025-12-31", "exact", civilians),
        ),
        "reuters": one(
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
        "nationalherald": one(
            "nationalherald-1",
            "nationalherald",
            "2026-02-05T06:30:00Z",
            (55000, "an estimated 55,000", "2026-02-04", "approx", {}),
            (46000, "more than 46,000", "2025-02-01", "more_than", {}),
            (400000, "nearly 400,000", "2025-07-01", "approx", casualties),
            (2514, "2,514", "2025-12-31", "exact", civilians),
        ),
        "euronews": one(
            "euronews-1",
            "euronews",
            "2026-02-05T09:05:00Z",
            (55000, "around 55,000", "2026-02-05", "approx", {}),
            (43000, "43,000", "2024-12-01", "exact", {}),
        ),
        "bbc": one(
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


def comparable(table: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A table without what depends on arrival: the arrival log of ids, the last change's kind, the updates sent."""
    comparable = {}
    for key, entry in table.items():
        kept = {name: value for name, value in entry.items() if name not in ("seen_figure_ids", "last_change")}
        kept["sequence"] = {name: value for name, value in entry["sequence"].items() if name != "announced"}
        comparable[key] = kept
    return comparable


# --- the seed story -------------------------------------------------------------------------------


def test_series_of_updates_for_a_growing_total() -> None:
    run = replay(
        [figure("bbc-2024", "bbc", "2024-12-20T10:00:00Z", 43000, "43,000", "2024-12-01")],
        [figure("nbc-2025", "nbc", "2025-02-10T10:00:00Z", 46000, "more than 46,000", "2025-02-01", "more_than")],
        [figure("reuters-2026", "reuters", "2026-02-04T21:15:00Z", 55000, "55,000", "2026-02-04")],
    )
    assert run.kinds() == ["new", "update", "update"]
    entry = run.table[KEY]
    assert entry["latest"]["value"] == 55000 and entry["sources"] == ["reuters"]
    assert [c["value"] for c in entry["history"]] == [43000, 46000]
    last = run.updates[-1]
    assert (last["old"]["value"], last["new"]["value"], last["article_ids"]) == (46000, 55000, ["reuters-2026"])
    assert last["explanation"].startswith(
        "Ukraine / military deaths: 55,000 (Volodymyr Zelensky, 2026-02-04, reuters) updates more than 46,000"
    )
    assert last["received_at"] == "2026-02-04T21:15:00Z" and last["emitted_at"] == "2026-02-06T12:00:00Z"


def test_every_order_of_the_seed_articles_gives_one_table_and_the_update_to_55000() -> None:
    """The final table does not depend on the order articles arrive in.

    Changed for issue 15: the latest claim is now the last one applied in publication order (the
    wire_dev rule), no longer the most precise one. Whatever the order, the update to 55,000 is
    announced once, by whichever 55,000 reached the key first (from 43,000 if that was all the key
    knew then); a late 55,000 that makes the same move is not announced again.
    """
    articles = seed_articles()
    in_order = replay(*[order_for_apply(articles[name]) for name in articles])
    assert [(u["old"]["value"], u["new"]["value"]) for u in in_order.updates] == [(46000, 55000)]
    entry = in_order.table[KEY]
    assert entry["latest"]["figure_id"] == "euronews-1:0"  # the last applied: around 55,000 on 5 February
    assert [c["value"] for c in entry["history"]] == [43000, 46000, 55000]
    assert entry["sources"] == ["aljazeera", "bbc", "euronews", "nationalherald", "reuters"]
    for order in itertools.permutations(articles):
        run = replay(*[order_for_apply(articles[name]) for name in order], check=False)
        assert comparable(run.table) == comparable(in_order.table), order
        moves = [(u["old"]["value"], u["new"]["value"]) for u in run.updates if u["kind"] == "update"]
        to_55000 = [old for old, new in moves if new == 55000]
        assert len(to_55000) == 1 and to_55000[0] in (43000, 46000), (order, moves)
        assert "contradiction" not in [u["kind"] for u in run.updates], order


def test_apply_figures_twice_emits_nothing_new() -> None:
    figures = [f for art in seed_articles().values() for f in order_for_apply(art)]
    run = replay(figures)
    snapshot = copy.deepcopy(run.table)
    again = apply_figures(run.table, figures, POLICY, NOW + timedelta(hours=1))
    assert {o.kind for o in again} <= {"repeat", "ignored"}
    assert all(o.update is None and o.entry is None for o in again)
    assert run.table == snapshot


# --- determinism ----------------------------------------------------------------------------------


def three_storylines() -> list[list[dict[str, Any]]]:
    """Quake, floods and a company, day by day: updates, a contradiction, a write-through, history."""
    day = "2026-03-0{}".format
    return [
        article("q1", "AP", f"{day(1)}T08:00:00Z", F(40, "at least 40", day(1), "at_least", who="civil defense")),
        article("f1", "AP", f"{day(1)}T09:00:00Z", F(120, "120", day(1)), key="floods|deaths"),
        article(
            "q1", "AP", f"{day(1)}T14:00:00Z", F(65, "at least 65", day(1), "at_least", who="civil defense"), version=2
        ),
        article(
            "c1", "BW", f"{day(1)}T16:00:00Z", F(4.1e9, "$4.1 billion", day(1)), key="acme|revenue", scope="period"
        ),
        article("q2", "Reuters", f"{day(2)}T09:00:00Z", F(81, "81", day(2), who="civil defense")),
        article(
            "q3",
            "EFE",
            f"{day(2)}T10:00:00Z",
            F(79, "79", day(2), who="health ministry"),
            F(81, "81", day(2), who="civil defense"),
        ),
        article(
            "f2", "Reuters", f"{day(3)}T08:00:00Z", F(151, "151", day(3)), F(120, "120", day(1)), key="floods|deaths"
        ),
        article("f3", "BBC", f"{day(4)}T08:00:00Z", F(138, "138", day(4), who="Red Cross"), key="floods|deaths"),
        article(
            "c2", "Reuters", f"{day(5)}T08:00:00Z", F(3.9e9, "$3.9 billion", day(5)), key="acme|revenue", scope="period"
        ),
    ]


def interleave(per_key: dict[str, list[dict[str, Any]]], rng: random.Random) -> list[dict[str, Any]]:
    """One random merge of the keys' figure sequences, each key's own order kept (as partitions deliver)."""
    queues = {key: list(figures) for key, figures in per_key.items()}
    merged = []
    while queues:
        key = rng.choice(sorted(queues))
        merged.append(queues[key].pop(0))
        if not queues[key]:
            del queues[key]
    return merged


def test_issue_15_interleaving_keys_across_partitions_gives_the_same_updates_and_table() -> None:
    figures = [f for art in three_storylines() for f in art]
    reference = replay(figures)
    assert [(u["key"], u["kind"], u["old"]["value"], u["new"]["value"]) for u in reference.updates] == [
        ("quake|deaths", "update", 40, 65),
        ("quake|deaths", "update", 65, 81),
        ("quake|deaths", "contradiction", 81, 79),
        ("floods|deaths", "update", 120, 151),
        ("floods|deaths", "contradiction", 151, 138),
        ("acme|revenue", "update", 4.1e9, 3.9e9),
    ]
    per_key: dict[str, list[dict[str, Any]]] = {}
    for f in figures:
        per_key.setdefault(f["key"], []).append(f)
    rng = random.Random(15)
    for _ in range(50):
        run = replay(interleave(per_key, rng), check=False)
        assert sorted(run.updates, key=lambda u: u["id"]) == sorted(reference.updates, key=lambda u: u["id"])
        assert run.table == reference.table


def test_a_late_article_gives_the_same_table_and_the_publication_order_updates() -> None:
    storylines = three_storylines()
    reference = replay(*storylines)
    expected = {u["id"] for u in reference.updates}
    rng = random.Random(7)
    for _ in range(40):
        order = storylines[:]
        rng.shuffle(order)
        run = replay(*order, check=False)
        assert comparable(run.table) == comparable(reference.table)
        assert expected <= {u["id"] for u in run.updates}


def test_a_late_figure_re_judges_the_later_ones() -> None:
    monday = article("m", "AP", "2026-03-02T08:00:00Z", F(40, "40", "2026-03-02", who="police"))
    wednesday = article("w", "AFP", "2026-03-04T08:00:00Z", F(70, "70", "2026-03-04", who="police"))
    tuesday = article("t", "EFE", "2026-03-03T08:00:00Z", F(90, "90", "2026-03-03", who="police"))
    run = replay(monday, wednesday, tuesday)
    # In publication order 70 after 90 is a running total revised down; it arrived before 90 did.
    late = run.outcomes[-1]
    assert late.kind == "update" and [u["kind"] for u in late.revised] == ["contradiction"]
    assert run.events() == [("update", 40, 70), ("update", 40, 90), ("contradiction", 90, 70)]
    assert comparable(run.table) == comparable(replay(monday, tuesday, wednesday).table)


def test_a_late_figure_does_not_announce_again_a_move_a_later_article_announced() -> None:
    monday = article("m", "AP", "2026-03-02T08:00:00Z", F(40, "40", "2026-03-02", who="police"))
    tuesday = article("t", "EFE", "2026-03-03T08:00:00Z", F(70, "70", "2026-03-03", who="police"))
    wednesday = article("w", "AFP", "2026-03-04T08:00:00Z", F(70, "70", "2026-03-04", who="police"))
    run = replay(monday, wednesday, tuesday)
    # Wednesday's 70 reached the key first and announced the move; Tuesday's is the same news, late.
    assert run.events() == [("update", 40, 70)]
    assert run.outcomes[-1].update is None and run.outcomes[-1].kind == "update"
    assert comparable(run.table) == comparable(replay(monday, tuesday, wednesday).table)


# --- idempotency and bounds -----------------------------------------------------------------------


def test_repeat_of_a_figure_changes_nothing() -> None:
    first = figure("a", "bbc", "2026-02-05T00:00:00Z", 43000, "43,000", "2024-12-01")
    second = figure("b", "bbc", "2026-02-05T00:00:00Z", 55000, "55,000", "2026-02-04")
    entry = apply_figure(None, first, POLICY, NOW).entry
    updated = apply_figure(entry, second, POLICY, NOW)
    assert updated.kind == "update" and updated.entry is not None
    snapshot = copy.deepcopy(updated.entry)
    for fig in (first, second):
        again = apply_figure(updated.entry, fig, POLICY, NOW + timedelta(hours=5))
        assert again.kind == "repeat" and again.entry is None and again.update is None
    assert updated.entry == snapshot


def test_seen_ids_are_bounded_but_stored_claims_still_count_as_applied() -> None:
    policy = Policy(history_limit=50, seen_limit=3)
    figures = [figure("first", "a", "2026-02-04T00:00:00Z", 55000, "55,000", "2026-02-04")]
    figures += [figure(f"c{i}", f"s{i}", "2026-02-04T01:00:00Z", 55000, "55,000", "2026-02-04") for i in range(5)]
    run = replay(figures, policy=policy)
    assert run.table[KEY]["seen_figure_ids"] == [f"c{i}:0@2026-02-04T01:00:00Z" for i in (2, 3, 4)]
    assert apply_figure(run.table[KEY], figures[0], policy, NOW).kind == "repeat"  # it is in the log


def test_history_is_bounded_and_sorted() -> None:
    policy = Policy(history_limit=2)
    figures = [figure("now", "a", "2026-02-05T00:00:00Z", 55000, "55,000", "2026-02-04")]
    figures += [
        figure(f"old{i}", "a", "2026-02-05T00:00:00Z", 1000 * (i + 1), f"{i + 1},000", f"202{i}-06-01")
        for i in (3, 0, 2, 1)
    ]
    run = replay(figures, policy=policy)
    assert [c["as_of"] for c in run.table[KEY]["history"]] == ["2022-06-01", "2023-06-01"]


def test_the_log_is_bounded_and_a_figure_older_than_it_is_history() -> None:
    policy = Policy(history_limit=5, log_limit=4)
    figures = [
        figure(f"d{day}", "ap", f"2026-03-{day:02d}T08:00:00Z", 10 * day, str(10 * day), f"2026-03-{day:02d}")
        for day in range(2, 12)
    ]
    run = replay(figures, policy=policy)
    entry = run.table[KEY]
    assert len(entry["sequence"]["log"]) == 4 and entry["sequence"]["base"]["latest"]["value"] == 70
    assert len(run.updates) == 9
    late = figure("d1", "ap", "2026-03-01T08:00:00Z", 5, "5", "2026-03-01")
    outcome = apply_figure(entry, late, policy, NOW)
    assert outcome.kind == "history" and outcome.messages == []


def test_update_ids_are_deterministic_across_replays() -> None:
    figures = [
        figure("a", "bbc", "2026-02-05T00:00:00Z", 43000, "43,000", "2024-12-01"),
        figure("b", "bbc", "2026-02-05T00:00:00Z", 55000, "55,000", "2026-02-04"),
    ]
    first = apply_figures({}, figures, POLICY, NOW)
    second = apply_figures({}, figures, POLICY, NOW + timedelta(days=1))
    assert first[1].update is not None and second[1].update is not None
    assert first[1].update["id"] == second[1].update["id"]


def test_corroboration_carries_how_many_outlets_reported_the_story() -> None:
    """Dedup counts the outlets that reported a story; the table keeps the largest count behind the latest value."""
    run = replay(
        [
            figure("reuters-1", "reuters", "2026-02-04T21:15:00Z", 55000, "55,000", "2026-02-04", story_sources=2),
            figure("bbc-1", "bbc", "2026-02-05T16:20:00Z", 55000, "55,000", "2026-02-04", story_sources=4),
            figure("afp-1", "afp", "2026-02-05T17:00:00Z", 55000, "55,000", "2026-02-04", story_sources=3),
        ]
    )
    assert run.kinds() == ["new", "corroboration", "corroboration"]
    assert run.table[KEY]["story_sources"] == 4
    assert "the story was reported by 4 outlets" in run.outcomes[1].explanation
    later = replay([figure("ap-1", "ap", "2026-02-12T10:00:00Z", 56000, "56,000", "2026-02-12")], table=run.table)
    assert later.kinds() == ["update"] and later.table[KEY]["story_sources"] == 1


def test_a_copy_is_recorded_as_seen_and_applied_nowhere() -> None:
    original = figure("reuters-1", "reuters", "2026-02-04T21:15:00Z", 55000, "55,000", "2026-02-04")
    copy_ = figure(
        "yahoo-1", "yahoo", "2026-02-04T22:00:00Z", 2500, "2,500", "2026-02-04", duplicate_of="reuters-1",
        is_new_version=False,
    )  # fmt: skip
    run = replay([original, copy_])
    assert run.kinds() == ["new", "duplicate"] and run.table[KEY]["latest"]["value"] == 55000
    assert apply_figure(None, copy_, POLICY, NOW) == Outcome("duplicate", run.outcomes[1].explanation, None)


def test_vague_and_change_figures_are_ignored() -> None:
    vague = figure("a", "bbc", "2026-02-05T00:00:00Z", 1000, "thousands", "2026-02-05", "approx", vague=True)
    change = figure("b", "bbc", "2026-02-05T00:00:00Z", 3, "rose 3%", "2026-02-05", change={"direction": "up"})
    run = replay([vague, change])
    assert run.kinds() == ["ignored", "ignored"] and run.table == {}


def test_policy_from_settings() -> None:
    assert Policy.from_settings(Settings()) == Policy(history_limit=50, seen_limit=500, log_limit=60)
