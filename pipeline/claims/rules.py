"""The alert rules: how a claim relates to the latest for its key, with a confidence and a reason.

Pure functions of two claims (and the latest before the new claim's article); `table.py` applies
the verdict to the key's state. Confidence is the rule's weight, less when the two values are
within a few percent (a rounding, or counts some hours apart) or one of them is approximate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pipeline.claims.values import (
    article_token,
    as_of_time,
    compatible,
    day_of,
    is_resolved,
    point_value,
    relative_gap,
    same_value,
    source_of,
)
from pipeline.ingest import parse_timestamp

Verdict = Literal["update", "contradiction", "corroboration", "history", "another_count"]
UpdateRule = Literal[
    "later_as_of",
    "later_in_article",
    "write_through",
    "same_source_later_report",
    "different_sources_same_day",
    "sources_in_one_article",
    "cumulative_revised_down",
]

# Two values for one key and day more than this many times apart count different things (a district's toll against
# the nation's, four camps against the 8,300 people in them), not one thing in dispute: no contradiction is raised.
# Disputed counts of one thing in real copy differ by up to about 2.5 times (early tolls; two agencies' counts).
ANOTHER_COUNT_RATIO = 3.0
# Two values closer than this (relative) are as likely a rounding or a count some hours apart as a dispute.
CLOSE_GAP = 0.02
_UPDATE_CONFIDENCE: dict[str, float] = {
    "write_through": 0.95,
    "later_as_of": 0.9,
    "later_in_article": 0.85,
    # Same source, same day, two articles: a toll rising through the day, or two counts the key mixes.
    "same_source_later_report": 0.6,
}


@dataclass(frozen=True)
class Judgement:
    """How a claim relates to the latest: an update or contradiction carries its rule, confidence and reason."""

    kind: Verdict
    rule: UpdateRule | None = None
    confidence: float = 0.0
    reason: str = ""
    against: dict[str, Any] | None = None  # the claim it agrees with, when not the latest


def judge(old: dict[str, Any], new: dict[str, Any], before: dict[str, Any] | None, cumulative: bool) -> Judgement:
    """The verdict on a claim against the latest (`old`); `before` is the latest before the claim's article."""
    if old["article_id"] == new["article_id"] and article_token(old) != article_token(new):
        if _version_order(new) > _version_order(old):
            return _later(old, new, cumulative, "write_through")
        return Judgement("history")
    if article_token(old) == article_token(new):
        return _within_article(old, new, before, cumulative)
    old_day, new_day = day_of(old), day_of(new)
    if new_day < old_day:
        return Judgement("history")
    if new_day > old_day:
        return _later(old, new, cumulative, "later_as_of")
    if compatible(old, new):
        return Judgement("corroboration")
    if source_of(old) != source_of(new):
        return _contradiction(old, new, "different_sources_same_day")
    # One source, two articles, one day: a later report of its own (a toll rising through the day).
    if cumulative and point_value(new) < point_value(old):
        return _contradiction(old, new, "cumulative_revised_down", weak=True)
    return _update(old, new, "same_source_later_report")


def _within_article(
    old: dict[str, Any], new: dict[str, Any], before: dict[str, Any] | None, cumulative: bool
) -> Judgement:
    if as_of_time(new) > as_of_time(old):
        return _later(old, new, cumulative, "later_in_article")
    if as_of_time(new) < as_of_time(old):
        return Judgement("history")
    if compatible(old, new) or source_of(old) == source_of(new):
        # One source's figures in one article do not contradict each other.
        return Judgement("corroboration")
    if not (old.get("attributed_to") and new.get("attributed_to")):
        # Two named sources in one article can disagree; the outlet's own summary ("more than 15,000") beside a
        # source's exact count is the outlet rounding or running behind, not a dispute.
        return Judgement("corroboration")
    if before is not None and is_resolved(before) and compatible(before, new):
        # A second source in the article agreeing with the latest before it: the dispute is raised already.
        return Judgement("corroboration", against=before)
    return _contradiction(old, new, "sources_in_one_article")


def _later(old: dict[str, Any], new: dict[str, Any], cumulative: bool, rule: UpdateRule) -> Judgement:
    """A claim that supersedes the latest in time: an update if the measure allows the change."""
    if cumulative:
        if point_value(new) > point_value(old) and not same_value(old, new):
            return _update(old, new, rule)
        if compatible(old, new):
            return Judgement("corroboration")
        if rule == "write_through":
            # A later version of the same article corrects its own figure: nothing is left to contradict.
            return _update(old, new, rule)
        # Within one article with no earlier claim for the key, a fall is more often two counts in one key.
        return _contradiction(old, new, "cumulative_revised_down", weak=rule == "later_in_article")
    if compatible(old, new) and (same_value(old, new) or not ({old["qualifier"], new["qualifier"]} & _OPEN_BOUNDS)):
        return Judgement("corroboration")
    # A level stated later with another number is its new value, whatever bound the old one gave ("more than 300
    # firefighters" on Monday, "some 450" on Tuesday).
    return _update(old, new, rule)


_OPEN_BOUNDS = {"more_than", "at_least", "at_most"}


def _update(old: dict[str, Any], new: dict[str, Any], rule: UpdateRule) -> Judgement:
    confidence = _UPDATE_CONFIDENCE[rule]
    if "approx" in (old["qualifier"], new["qualifier"]):
        confidence -= 0.1
    version = new.get("article_version")
    reasons = {
        "write_through": f"{f'version {version}' if version else 'the republication'} of {new['article_id']} "
        f"({new['published_at']}) supersedes its earlier version",
        "later_as_of": f"a later as-of day ({day_of(old)} -> {day_of(new)})",
        "later_in_article": "the article dates it after its own earlier figure",
        "same_source_later_report": f"{_who(new)} gave a new value later the same day ({day_of(new)})",
    }
    direction = "up" if point_value(new) > point_value(old) else "down"
    reason = f"{reasons[rule]}; {direction} from {old['text']} to {new['text']}"
    reason, confidence = _unplaced(old, new, reason, confidence, 0.2)
    return Judgement("update", rule, _clamp(confidence), reason)


def _unplaced(
    old: dict[str, Any], new: dict[str, Any], reason: str, confidence: float, penalty: float
) -> tuple[str, float]:
    """In an article that counts by place, a toll whose sentence names none may be another place's count (a
    district's against the nation's): less confident, and the reason says so."""
    unplaced = [c for c in (old, new) if c.get("placed") is False]
    if not unplaced:
        return reason, confidence
    texts = " and ".join(c["text"] for c in unplaced)
    return f"{reason}; {texts}: no place named, in copy that counts by place", confidence - penalty


def _contradiction(old: dict[str, Any], new: dict[str, Any], rule: UpdateRule, weak: bool = False) -> Judgement:
    if _another_count(old, new):
        return Judgement(
            "another_count",
            reason=f"{old['text']} and {new['text']} are more than {ANOTHER_COUNT_RATIO:g} times apart: more likely "
            "two counts in one key (a part, another place's) than one count in dispute",
        )
    both_named = bool(old.get("attributed_to")) and bool(new.get("attributed_to"))
    if rule == "cumulative_revised_down":
        confidence = 0.55 if weak else 0.85
        reason = (
            f"a running total revised down: {_who(old)} {old['text']} ({day_of(old)}) -> "
            f"{_who(new)} {new['text']} ({day_of(new)})"
        )
    else:
        confidence = 0.9 if both_named else (0.75 if rule == "different_sources_same_day" else 0.7)
        where = "in one article" if rule == "sources_in_one_article" else f"on {day_of(new)}"
        reason = f"{_who(old)} says {old['text']}, {_who(new)} says {new['text']} {where}"
    reason, confidence = _unplaced(old, new, reason, confidence, 0.25)
    gap = relative_gap(old, new)
    if gap < CLOSE_GAP:
        confidence -= 0.15
    if "approx" in (old["qualifier"], new["qualifier"]):
        confidence -= 0.1
    return Judgement("contradiction", rule, _clamp(confidence), f"{reason} (gap {gap:.0%})")


def _another_count(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    low, high = sorted((abs(point_value(old)), abs(point_value(new))))
    return high > ANOTHER_COUNT_RATIO * low


def _clamp(confidence: float) -> float:
    return round(min(0.99, max(0.05, confidence)), 2)


def _who(claim: Mapping[str, Any]) -> str:
    return str(claim.get("attributed_to") or claim["source"])


def _version_order(claim: Mapping[str, Any]) -> tuple[int, datetime]:
    return (int(claim.get("article_version") or 0), parse_timestamp(str(claim["published_at"])))
