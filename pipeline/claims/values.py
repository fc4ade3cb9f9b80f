"""Values of claims: what a qualified figure allows, when two agree, who stands behind one, and its identity."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args

from pipeline.extract.speakers import translit_key
from pipeline.ingest import parse_timestamp

Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "less_than", "range"]

# An exact figure is still rounded by whoever reports it ("55,000" for 54,870): 0.5% either way.
EXACT_TOLERANCE = 0.005
# "about", "some", "an estimated": a reporter's rounding, taken as +-10%.
APPROX_TOLERANCE = 0.10
# Approximate words that put the true value below the number ("nearly 400,000" is not 410,000).
BELOW_WORDS = ("nearly", "almost", "just under", "close to", "shy of", "approaching")
# How precise a qualifier is: agreeing figures of an article, and agreeing earlier claims, are represented by the most
# precise.
PRECISION: dict[str, int] = {
    "exact": 0,
    "range": 1,
    "approx": 2,
    "at_least": 3,
    "more_than": 3,
    "at_most": 4,
    "less_than": 4,
}
_CLAIM_FIELDS = (
    "article_id",
    "article_version",
    "source",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "currency",
    "as_of",
    "published_at",
    "attributed_to",
    "text",
    "story_id",
    "story_sources",
    "resolved",
    "placed",
    "article_role",
    "article_seq",
)
_NULLABLE = ("low", "high", "currency", "attributed_to", "story_id")


@dataclass(frozen=True)
class Interval:
    """The values a claim allows once its qualifier is taken into account."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def includes(self, point: float) -> bool:
        """True when the claim allows this value."""
        above = self.low < point or (self.low == point and not self.low_open)
        below = point < self.high or (point == self.high and not self.high_open)
        return above and below

    def overlaps(self, other: Interval) -> bool:
        """True when some value satisfies both claims."""
        low, high = max(self.low, other.low), min(self.high, other.high)
        if low != high:
            return low < high
        # The intervals touch at one point ("more than 46,000" and "46,000"): it counts only if both allow it.
        return self.includes(low) and other.includes(low)


def interval_of(claim: Mapping[str, Any]) -> Interval:
    """The interval a claim (or figure) allows: exact +-0.5% when it may be rounded, approx +-10%, bounds
    open-ended."""
    value = float(claim["value"])
    qualifier = claim["qualifier"]
    floor = 0.0 if value >= 0 else -math.inf  # counts cannot go below zero; temperatures can
    if qualifier == "exact":
        if not _rounded(value):
            return Interval(value, value)  # "292" is a count to the unit: 290 the day before is another value
        bounds = sorted((value * (1 - EXACT_TOLERANCE), value * (1 + EXACT_TOLERANCE)))
        return Interval(bounds[0], bounds[1])
    if qualifier == "approx":
        low, high = sorted((value * (1 - APPROX_TOLERANCE), value * (1 + APPROX_TOLERANCE)))
        if any(word in str(claim.get("text", "")).lower() for word in BELOW_WORDS):
            high = max(value, low)
        return Interval(low, high)
    if qualifier == "at_least":
        return Interval(value, math.inf)
    if qualifier == "more_than":
        return Interval(value, math.inf, low_open=True)
    if qualifier == "at_most":
        return Interval(min(floor, value), value)
    if qualifier == "less_than":
        return Interval(min(floor, value), value, high_open=True)
    if qualifier == "range":
        given_low, given_high = claim.get("low"), claim.get("high")
        bounds = sorted(
            (value if given_low is None else float(given_low), value if given_high is None else float(given_high))
        )
        return Interval(bounds[0], bounds[1])
    raise ValueError(f"unknown qualifier {qualifier!r}; expected one of {', '.join(get_args(Qualifier))}")


def _rounded(value: float) -> bool:
    """Whether an exact figure may be rounded by whoever reports it: a whole number ending in zero ("55,000",
    "2.5 million", "290"); "292" and "94.6%" are given to their last digit."""
    return value != 0 and value == int(value) and int(value) % 10 == 0


def point_value(claim: Mapping[str, Any]) -> float:
    """One number for a claim: its value, which for a range is its lower bound (as the alert rules compare)."""
    return float(claim["value"])


def compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """True when both claims can hold at once ("over 250" and 256; 25 and "between 20 and 30")."""
    return interval_of(a).overlaps(interval_of(b))


def same_value(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """True when two claims give the same number (within rounding) and their intervals agree."""
    va, vb = point_value(a), point_value(b)
    close = abs(va - vb) <= 2 * EXACT_TOLERANCE * max(abs(va), abs(vb))
    return close and compatible(a, b)


def as_of_time(claim: Mapping[str, Any]) -> datetime:
    """A claim's as-of date or time as an aware datetime (a date is midnight UTC)."""
    return parse_timestamp(str(claim["as_of"]))


def source_of(claim: Mapping[str, Any]) -> str:
    """Who stands behind a claim: its speaker, normalised, or for an unattributed claim the outlet.

    A person is their surname however it is transliterated: "Volodymyr Zelenskiy" and "Zelensky" are one source.
    """
    speaker = claim.get("attributed_to")
    if speaker:
        words = str(speaker).split()
        if 1 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words):
            if not any(w.lower().strip(".,") in _BODY_WORDS for w in words):
                return "person:" + translit_key(words[-1])
        return _normalise(str(speaker))
    return "outlet:" + _normalise(str(claim["source"]))


# Words that make a name a body's, not a person's ("Kerala government", "Karnali Province Police").
_BODY_WORDS = {
    "ministry", "department", "agency", "government", "police", "office", "council", "committee", "service",
    "services", "authority", "commission", "news", "times", "post", "press", "media", "bank", "fund", "union",
    "association", "institute", "university", "county", "state", "city", "province", "district", "board",
    "bureau", "centre", "center", "organization", "organisation", "group", "company", "corporation", "inc",
    "ltd", "co", "army", "forces", "guard", "reuters", "officials", "tally", "data", "survey", "report",
}  # fmt: skip


def is_resolved(item: Mapping[str, Any]) -> bool:
    """False for a figure or claim whose subject or measure the extractor could not resolve."""
    return item.get("resolved", True) is not False


def figure_token(item: Mapping[str, Any]) -> str:
    """A figure's identity across article versions: its id, its article's publication time and version.

    Figure ids come from the article id and the span, so a write-through (the same article id
    republished) can repeat an id: the version and publication time tell the figures apart.
    """
    figure_id = item.get("figure_id") or item["id"]
    token = f"{figure_id}@{item['published_at']}"
    version = item.get("article_version")
    return f"{token}#v{version}" if version else token


def article_token(claim: Mapping[str, Any]) -> str:
    """One version of one article."""
    version = claim.get("article_version")
    return f"{claim['article_id']}@{claim['published_at']}#v{version or 0}"


def claim_of(figure: Mapping[str, Any]) -> dict[str, Any]:
    """The common.json claim a figure makes."""
    claim: dict[str, Any] = {"figure_id": figure["id"]}
    for name in _CLAIM_FIELDS:
        if name in figure and (figure[name] is not None or name in _NULLABLE):
            claim[name] = figure[name]
    return claim


def relative_gap(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    """How far apart two claims are, relative to the smaller: 1,200 vs 2,500 is 1.08."""
    x, y = abs(point_value(a)), abs(point_value(b))
    smaller, larger = min(x, y), max(x, y)
    if smaller == 0:
        return math.inf if larger else 0.0
    return (larger - smaller) / smaller


def day_of(claim: Mapping[str, Any]) -> str:
    """A claim's as-of day, YYYY-MM-DD: the alert rules compare days, not hours."""
    return str(claim["as_of"])[:10]


def describe(claim: Mapping[str, Any]) -> str:
    """A claim for a human: its text, speaker, as-of day and outlet."""
    who = [claim["attributed_to"]] if claim.get("attributed_to") else []
    return f"{claim['text']} ({', '.join([*who, day_of(claim), claim['source']])})"


def _normalise(name: str) -> str:
    text = re.sub(r"[^\w\s]", " ", name.lower())
    text = re.sub(r"^\s*the\s+", "", text)
    return " ".join(text.split())
