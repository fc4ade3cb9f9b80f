"""Claim values: qualifiers as intervals, compatibility, sources and identities."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.claims import Interval, compatible, figure_token, interval_of, point_value, source_of


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
        (claim(250, "more_than", "over 250"), claim(256, "exact"), True),
        (claim(20, "range", low=20, high=30), claim(25, "exact"), True),
        (claim(55000, "exact"), claim(54870, "exact"), True),  # a round figure may be rounded
        (claim(290, "exact"), claim(292, "exact"), False),  # a toll given to the unit is not
    ],
)
def test_qualifier_intervals_agree_or_not(a: dict[str, Any], b: dict[str, Any], agree: bool) -> None:
    assert interval_of(a).overlaps(interval_of(b)) is agree
    assert compatible(b, a) is agree


def test_interval_shapes() -> None:
    exact, about = interval_of(claim(100, "exact")), interval_of(claim(100, "approx", "about 100"))
    assert (exact.low, exact.high) == (99.5, pytest.approx(100.5))
    assert (about.low, about.high) == (90, pytest.approx(110))
    assert interval_of(claim(100, "approx", "nearly 100")) == Interval(90, 100)
    assert interval_of(claim(100, "more_than")) == Interval(100, float("inf"), low_open=True)
    assert interval_of(claim(100, "at_most")) == Interval(0, 100)
    assert interval_of(claim(100, "less_than")) == Interval(0, 100, high_open=True)
    assert interval_of(claim(-5, "at_most")).low == float("-inf")  # a temperature can go below zero


def test_a_range_compares_by_its_lower_bound() -> None:
    assert point_value(claim(-0.1, "range", low=-0.1, high=0.0)) == -0.1


def test_a_claims_source_is_its_speaker_else_the_outlet() -> None:
    assert source_of({"attributed_to": "The Interior Ministry", "source": "AP"}) == "interior ministry"
    assert source_of({"attributed_to": "interior ministry.", "source": "AFP"}) == "interior ministry"
    assert source_of({"attributed_to": None, "source": "AP"}) == "outlet:ap"


def test_a_figure_token_tells_versions_of_one_article_apart() -> None:
    first = {"id": "ap-7:120", "published_at": "2026-03-01T08:00:00Z"}
    second = dict(first, published_at="2026-03-01T14:00:00Z", article_version=2)
    assert figure_token(first) != figure_token(second)
    assert figure_token(second) == figure_token({"figure_id": "ap-7:120", **second})


def test_one_person_spelled_two_ways_is_one_source_and_bodies_stay_apart() -> None:
    from pipeline.claims.values import source_of

    def claim(who: str) -> dict:
        return {"attributed_to": who, "source": "wire"}

    assert source_of(claim("Volodymyr Zelenskiy")) == source_of(claim("Zelensky")) == source_of(claim("Zelenskyy"))
    assert source_of(claim("Kerala government")) != source_of(claim("Karnali Province Police"))
    assert source_of(claim("Veena George")) != source_of(claim("Pinarayi Vijayan"))
