"""The whole table from any worker: workers' answers for their own partitions merged into one, deterministically."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from pipeline.web.api import ClaimsQuery
from pipeline.web.merge import (
    Coverage,
    LocalAnswer,
    coverage,
    merge_claims,
    merge_updates,
    own_entries,
    parse_local_answer,
)

A, B, C = "http://127.0.0.1:6066", "http://127.0.0.1:6067", "http://127.0.0.1:6068"


def entry(key: str, last_seen: str, value: int = 1) -> dict[str, Any]:
    return {"key": key, "measure": key.split("|")[1], "last_seen": last_seen, "latest": {"value": value}}


def update(update_id: str, emitted_at: str) -> dict[str, Any]:
    return {"id": update_id, "emitted_at": emitted_at, "kind": "update"}


ANSWERS = [
    LocalAnswer(
        A,
        [entry("nepal|deaths|x", "2026-03-02T10:00:00Z"), entry("peru|injured|x", "2026-03-02T09:00:00Z")],
        frozenset({0, 2}),
    ),
    LocalAnswer(
        B,
        [entry("chad|deaths|x", "2026-03-02T11:00:00Z"), entry("mali|deaths|x", "2026-03-02T09:00:00Z")],
        frozenset({1, 3}),
    ),
]


def test_claims_from_every_worker_most_recently_changed_first_then_by_key() -> None:
    merged = merge_claims(ANSWERS, ClaimsQuery())
    assert [e["key"] for e in merged] == ["chad|deaths|x", "nepal|deaths|x", "peru|injured|x", "mali|deaths|x"]


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_the_same_answers_in_any_order_give_the_same_table(order: tuple[int, ...]) -> None:
    # During a rebalance two workers may both answer for a key: the newer entry wins, whichever came first.
    stale = LocalAnswer(C, [entry("nepal|deaths|x", "2026-03-01T10:00:00Z", value=5)], frozenset())
    answers = [*ANSWERS, stale]
    merged = merge_claims([answers[i] for i in order], ClaimsQuery())
    assert merged == merge_claims(answers, ClaimsQuery())
    assert next(e for e in merged if e["key"] == "nepal|deaths|x")["latest"]["value"] == 1


def test_filters_and_limit_apply_to_the_whole_table() -> None:
    assert [e["key"] for e in merge_claims(ANSWERS, ClaimsQuery(measure="deaths", limit=2))] == [
        "chad|deaths|x",
        "nepal|deaths|x",
    ]


def test_updates_newest_first_each_id_once_bounded() -> None:
    answers = [
        LocalAnswer(A, [update("u3", "2026-03-02T12:00:00Z"), update("u1", "2026-03-02T10:00:00Z")], frozenset({0})),
        # u1 again: its partition moved between the workers, and both saw it.
        LocalAnswer(B, [update("u2", "2026-03-02T11:00:00Z"), update("u1", "2026-03-02T10:00:00Z")], frozenset({1})),
    ]
    assert [u["id"] for u in merge_updates(answers, 10)] == ["u3", "u2", "u1"]
    assert [u["id"] for u in merge_updates(reversed(answers), 2)] == ["u3", "u2"]
    tied = [LocalAnswer(A, [update("b", "2026-03-02T10:00:00Z"), update("a", "2026-03-02T10:00:00Z")], frozenset())]
    assert [u["id"] for u in merge_updates(tied, 10)] == ["b", "a"]


def test_coverage_names_missing_partitions_and_silent_workers() -> None:
    assert coverage(ANSWERS, [], 4) == Coverage()
    assert not Coverage().partial and Coverage().to_message() == {"partial": False}
    partial = coverage(ANSWERS[:1], [B], 4)
    assert partial.partial and partial.missing_partitions == (1, 3) and partial.unanswered_workers == (B,)
    assert partial.to_message() == {"partial": True, "missing_partitions": [1, 3], "unanswered_workers": [B]}
    # A worker still recovering its tables answers, but covers no partition.
    assert coverage([LocalAnswer(A, [], frozenset())], [], 2).missing_partitions == (0, 1)


def test_own_entries_leave_out_standby_copies_of_other_partitions() -> None:
    entries = [entry("a|deaths|x", "t"), None, entry("bb|deaths|x", "t"), entry("ccc|deaths|x", "t")]
    kept = own_entries(entries, lambda key: len(key.split("|")[0]) % 2, {1})
    assert [e["key"] for e in kept] == ["a|deaths|x", "ccc|deaths|x"]


def test_local_answer_round_trips_and_malformed_answers_are_refused() -> None:
    answer = ANSWERS[0]
    assert parse_local_answer(A, answer.to_message("claims"), "claims") == answer
    for document in (
        None,
        [],
        {"claims": []},
        {"claims": "x", "partitions": []},
        {"claims": [1], "partitions": []},
        {"claims": [], "partitions": [-1]},
        {"claims": [], "partitions": ["0"]},
        {"updates": [], "partitions": [0]},
    ):
        assert parse_local_answer(A, document, "claims") is None, document
