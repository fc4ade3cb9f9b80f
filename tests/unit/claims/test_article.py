"""One article's figures: apply order, and which figure of a key may raise an alert (lead) or not (context)."""

from __future__ import annotations

import copy

from pipeline import schemas
from pipeline.claims import order_for_apply
from tests.unit.claims.factory import figure


def storm(value: float, text: str, as_of: str, start: int, qualifier: str = "exact", **extra: object) -> dict:
    return figure(
        "wx-1", "wx", "2026-10-04T12:00:00Z", value, text, as_of, qualifier, key="storm|deaths", start=start, **extra
    )


def roles(figures: list[dict]) -> list[tuple[float, str]]:
    return [(f["value"], f["article_role"]) for f in figures]


def test_older_figures_are_context_and_the_newest_leads_applied_last() -> None:
    figures = [
        storm(223, "at least 223", "2026-10-04", 0, "at_least"),
        storm(215, "at least 215", "2026-10-03", 100, "at_least"),
        storm(104, "at least 104", "2026-09-30", 200, "at_least"),
    ]
    before = copy.deepcopy(figures)
    ordered = order_for_apply(figures)
    assert roles(ordered) == [(104, "context"), (215, "context"), (223, "lead")]
    assert [f["article_seq"] for f in ordered] == [0, 1, 2]
    assert figures == before  # copies are marked, not the input
    for message in ordered:
        schemas.validate("figures", message)


def test_agreeing_figures_of_one_time_have_one_lead_the_most_precise() -> None:
    ordered = order_for_apply(
        [storm(100, "more than 100", "2026-10-04", 0, "more_than"), storm(183, "183", "2026-10-04", 100)]
    )
    assert roles(ordered) == [(100, "context"), (183, "lead")]


def test_two_sources_disagreeing_lead_in_text_order() -> None:
    ordered = order_for_apply(
        [
            storm(54, "54", "2026-10-04", 0, attributed_to="health ministry"),
            storm(57, "57", "2026-10-04", 100, attributed_to="civil protection"),
        ]
    )
    assert roles(ordered) == [(54, "lead"), (57, "lead")]


def test_one_sources_breakdown_under_one_key_has_no_lead() -> None:
    # Families per district, which the key does not tell apart: one source cannot contradict itself.
    ordered = order_for_apply(
        [storm(120, "120", "2026-10-04", 0), storm(85, "85", "2026-10-04", 100), storm(40, "40", "2026-10-04", 200)]
    )
    assert {role for _, role in roles(ordered)} == {"context"}


def test_unresolved_and_vague_figures_never_lead() -> None:
    ordered = order_for_apply(
        [
            storm(9, "9", "2026-10-04", 0, resolved=False),
            storm(1000, "thousands", "2026-10-04", 100, "approx", vague=True),
        ]
    )
    assert {role for _, role in roles(ordered)} == {"context"}


def test_keys_are_marked_apart() -> None:
    other = figure("wx-1", "wx", "2026-10-04T12:00:00Z", 3, "3", "2026-10-04", key="storm|missing", start=300)
    ordered = order_for_apply([storm(12, "12", "2026-10-04", 0), other])
    assert {f["key"]: f["article_role"] for f in ordered} == {"storm|deaths": "lead", "storm|missing": "lead"}


def test_an_approximate_figure_does_not_join_two_that_cannot_both_hold() -> None:
    # "some 12,000" agrees with 12,000 and with 11,400; 12,000 and 11,400 still disagree: two leads.
    ordered = order_for_apply(
        [
            storm(12000, "12,000", "2026-10-04", 0, attributed_to="fire service"),
            storm(12000, "some 12,000", "2026-10-04", 50, "approx", attributed_to="fire service"),
            storm(11400, "11,400", "2026-10-04", 100, attributed_to="civil protection"),
        ]
    )
    assert sorted(v for v, role in roles(ordered) if role == "lead") == [11400, 12000]
