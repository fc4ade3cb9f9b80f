"""Claims stage core: fold figures into a rolling table of the latest claim per claim key.

`apply_figure` takes one table value (a plain JSON dict shaped like schemas/claim-entry.json, or
None) and one figure (schemas/figures.json) and returns an `Outcome`: what kind of change it
was, a one-line explanation, the new table value and, for an update or a contradiction, an
`updates` message. It never touches Kafka, so the Faust agent, offline commands and tests all
call it. Delivery is at-least-once, so a figure id already applied changes nothing.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, get_args

from pipeline.ingest import format_timestamp, parse_timestamp
from pipeline.schemas import SCHEMA_VERSION

ChangeKind = Literal["new", "update", "contradiction", "corroboration", "history", "duplicate", "repeat", "ignored"]
Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "less_than", "range"]

# An exact figure is still rounded by whoever reports it ("55,000" for 54,870): 0.5% either way.
EXACT_TOLERANCE = 0.005
# "about", "some", "an estimated": a reporter's rounding, taken as +-10%.
APPROX_TOLERANCE = 0.10
# Approximate words that put the true value below the number ("nearly 400,000" is not 410,000).
BELOW_WORDS = ("nearly", "almost", "just under", "close to", "shy of", "approaching")
# Which of several agreeing claims stands for the value: the most precise, then the first published.
_PRECISION: dict[str, int] = {"exact": 0, "range": 1, "approx": 2}
_CLAIM_FIELDS = (
    "article_id",
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
)


@dataclass(frozen=True)
class Policy:
    """How figures are compared: the contradiction window and the table's bounds."""

    contradiction_window: timedelta
    history_limit: int
    seen_limit: int = 500

    @classmethod
    def from_settings(cls, settings: Any) -> Policy:
        """The policy a `Settings` describes."""
        return cls(
            contradiction_window=timedelta(hours=settings.contradiction_window_hours),
            history_limit=settings.history_limit,
        )


@dataclass(frozen=True)
class Outcome:
    """What one figure did to its key: `entry` None leaves the table as it is."""

    kind: ChangeKind
    explanation: str
    entry: dict[str, Any] | None
    update: dict[str, Any] | None = None


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
    """The interval a claim (or figure) allows: exact +-0.5%, approx +-10%, bounds open-ended."""
    value = float(claim["value"])
    qualifier = claim["qualifier"]
    floor = 0.0 if value >= 0 else -math.inf  # counts cannot go below zero; temperatures can
    if qualifier == "exact":
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


def point_value(claim: Mapping[str, Any]) -> float:
    """One number for a claim: its value, or a range's midpoint."""
    if claim["qualifier"] == "range" and claim.get("low") is not None and claim.get("high") is not None:
        return (float(claim["low"]) + float(claim["high"])) / 2
    return float(claim["value"])


def same_value(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """True when two claims give the same number (within rounding) and their intervals agree."""
    va, vb = point_value(a), point_value(b)
    close = abs(va - vb) <= 2 * EXACT_TOLERANCE * max(abs(va), abs(vb))
    return close and interval_of(a).overlaps(interval_of(b))


def as_of_time(claim: Mapping[str, Any]) -> datetime:
    """A claim's as-of date or time as an aware datetime (a date is midnight UTC)."""
    return parse_timestamp(str(claim["as_of"]))


def claim_of(figure: Mapping[str, Any]) -> dict[str, Any]:
    """The common.json claim a figure makes."""
    claim: dict[str, Any] = {"figure_id": figure["id"]}
    for name in _CLAIM_FIELDS:
        if name in figure:
            claim[name] = figure[name]
    return claim


def _rank(claim: Mapping[str, Any]) -> tuple[int, datetime, str]:
    # Picking by rank rather than by arrival keeps the table the same whatever the arrival order.
    return (_PRECISION.get(claim["qualifier"], 3), parse_timestamp(claim["published_at"]), claim["figure_id"])


def order_for_apply(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One article's figures in as-of order, so an article giving an old and a new figure raises the update."""
    return sorted(figures, key=lambda f: (as_of_time(f), f.get("start", 0), f["id"]))


def apply_figure(entry: dict[str, Any] | None, figure: dict[str, Any], policy: Policy, now: datetime) -> Outcome:
    """Fold one figure into its key's table value; idempotent for a figure id already applied."""
    label = _label(figure)
    if figure.get("vague") or figure.get("change"):
        what = "a vague amount" if figure.get("vague") else "a change, not a level"
        return Outcome("ignored", f"{label}: {figure['text']!r} ({figure['source']}) ignored: {what}", None)
    if entry is not None and _already_applied(entry, figure["id"]):
        return Outcome("repeat", f"{label}: figure {figure['id']} already applied", None)
    if figure.get("duplicate_of") and not figure.get("is_new_version", False):
        explanation = f"{label}: {figure['text']} ({figure['source']}) is in a copy of {figure['duplicate_of']}"
        if entry is None:
            return Outcome("duplicate", explanation, None)
        return Outcome("duplicate", explanation, _touched(entry, figure["id"], "duplicate", policy, now))
    claim = claim_of(figure)
    if entry is None:
        return Outcome("new", f"{label}: first claim {_describe(claim)}", _new_entry(figure, claim, now))
    return _compare(entry, figure, claim, policy, now)


def apply_figures(
    table: MutableMapping[str, dict[str, Any]], figures: Iterable[dict[str, Any]], policy: Policy, now: datetime
) -> list[Outcome]:
    """Apply figures in the given order, writing each changed entry back to `table` (offline helper)."""
    outcomes = []
    for figure in figures:
        outcome = apply_figure(table.get(figure["key"]), figure, policy, now)
        if outcome.entry is not None:
            table[figure["key"]] = outcome.entry
        outcomes.append(outcome)
    return outcomes


def _compare(
    entry: dict[str, Any], figure: dict[str, Any], claim: dict[str, Any], policy: Policy, now: datetime
) -> Outcome:
    latest = entry["latest"]
    gap = as_of_time(claim) - as_of_time(latest)
    window = policy.contradiction_window
    if gap < -window:
        return _history(entry, figure, claim, policy, now)
    if gap <= window:
        if interval_of(claim).overlaps(interval_of(latest)):
            return _corroborate(entry, figure, claim, policy, now, same_time=True)
        return _contradict(entry, figure, claim, policy, now)
    # A later as-of, beyond the window: has the figure moved the way the measure can move?
    if (entry.get("scope") or {}).get("kind") == "cumulative":
        if point_value(claim) > point_value(latest) and not same_value(claim, latest):
            return _update(entry, figure, claim, policy, now)
        if interval_of(claim).overlaps(interval_of(latest)):
            return _corroborate(entry, figure, claim, policy, now, same_time=False)
        return _contradict(entry, figure, claim, policy, now)
    if same_value(claim, latest):
        return _corroborate(entry, figure, claim, policy, now, same_time=False)
    return _update(entry, figure, claim, policy, now)


def _new_entry(figure: Mapping[str, Any], claim: dict[str, Any], now: datetime) -> dict[str, Any]:
    stamp = format_timestamp(now)
    entry: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "key": figure["key"],
        "measure": figure["measure"],
        "subject": figure.get("subject"),
        "location": figure.get("location"),
        "scope": dict(figure["scope"]),
        "latest": claim,
        "history": [],
        "disputed": [],
        "sources": [claim["source"]],
        "story_sources": claim.get("story_sources") or 1,
        "first_seen": stamp,
        "last_seen": stamp,
        "last_change": "new",
        "seen_figure_ids": [claim["figure_id"]],
    }
    return entry


def _history(
    entry: dict[str, Any], figure: dict[str, Any], claim: dict[str, Any], policy: Policy, now: datetime
) -> Outcome:
    new = _touched(entry, claim["figure_id"], "history", policy, now)
    new["history"] = _add_to_history(entry["history"], [claim], policy)
    latest = entry["latest"]
    explanation = f"{_label(figure)}: {_describe(claim)} is older than the latest {latest['text']} ({_day(latest)})"
    return Outcome("history", explanation, new)


def _corroborate(
    entry: dict[str, Any],
    figure: dict[str, Any],
    claim: dict[str, Any],
    policy: Policy,
    now: datetime,
    same_time: bool,
) -> Outcome:
    new = _touched(entry, claim["figure_id"], "corroboration", policy, now)
    latest = entry["latest"]
    counted = claim["source"] not in entry["sources"]
    new["sources"] = sorted({*entry["sources"], claim["source"]})
    # The dedup stage counts the outlets that reported the story, whether or not they gave the figure.
    reach = max(entry.get("story_sources") or 1, claim.get("story_sources") or 1)
    new["story_sources"] = reach
    if same_time and _rank(claim) < _rank(latest):
        new["latest"] = claim
    tally = f"{len(new['sources'])} sources" if counted else f"{claim['source']} already counted"
    if reach > 1:
        tally += f"; the story was reported by {reach} outlets"
    agreed = f"{latest['text']} ({latest['source']}, {_day(latest)})"
    explanation = f"{_label(figure)}: {_describe(claim)} agrees with {agreed}: {tally}"
    return Outcome("corroboration", explanation, new)


def _update(
    entry: dict[str, Any], figure: dict[str, Any], claim: dict[str, Any], policy: Policy, now: datetime
) -> Outcome:
    new = _touched(entry, claim["figure_id"], "update", policy, now)
    old = entry["latest"]
    # The superseded value and anything that disputed it are now history.
    new["history"] = _add_to_history(entry["history"], [old, *entry.get("disputed", [])], policy)
    new["disputed"] = []
    new["latest"] = claim
    new["sources"] = [claim["source"]]
    new["story_sources"] = claim.get("story_sources") or 1
    explanation = f"{_label(figure)}: {_describe(claim)} updates {old['text']} ({_day(old)})"
    message = _message(new, "update", old, claim, [claim["article_id"]], explanation, figure, now)
    return Outcome("update", explanation, new, message)


def _contradict(
    entry: dict[str, Any], figure: dict[str, Any], claim: dict[str, Any], policy: Policy, now: datetime
) -> Outcome:
    new = _touched(entry, claim["figure_id"], "contradiction", policy, now)
    old = entry["latest"]
    # Latest stands until a later figure supersedes it; the dispute is kept beside it for an editor.
    new["disputed"] = [*entry.get("disputed", []), claim][-policy.history_limit :]
    if as_of_time(claim) - as_of_time(old) > policy.contradiction_window:
        explanation = (
            f"contradiction: {_label(figure)} is a running total, but {claim['source']} says {claim['text']} "
            f"on {_day(claim)}, below {old['text']} ({old['source']}, {_day(old)})"
        )
    else:
        when = "the same day" if _day(claim) == _day(old) else f"on {_day(claim)}"
        explanation = (
            f"contradiction: {old['source']} says {old['text']} {_label(figure)} on {_day(old)}, "
            f"{claim['source']} says {claim['text']} {when}"
        )
    article_ids = list(dict.fromkeys([old["article_id"], claim["article_id"]]))
    message = _message(new, "contradiction", old, claim, article_ids, explanation, figure, now)
    return Outcome("contradiction", explanation, new, message)


def _message(
    entry: Mapping[str, Any],
    kind: Literal["update", "contradiction"],
    old: dict[str, Any],
    new: dict[str, Any],
    article_ids: list[str],
    explanation: str,
    figure: Mapping[str, Any],
    now: datetime,
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": update_id(entry["key"], new["figure_id"], kind),
        "key": entry["key"],
        "kind": kind,
        "measure": entry["measure"],
        "subject": entry.get("subject"),
        "location": entry.get("location"),
        "old": old,
        "new": new,
        "sources": [new["source"]],
        "article_ids": article_ids,
        "explanation": explanation,
        "emitted_at": format_timestamp(now),
    }
    if figure.get("received_at"):
        message["received_at"] = figure["received_at"]
    return message


def update_id(key: str, figure_id: str, kind: str) -> str:
    """Deterministic id of an updates message, so a replay re-emits the same id."""
    return hashlib.sha1(f"{key}\x1f{figure_id}\x1f{kind}".encode()).hexdigest()


def _touched(entry: Mapping[str, Any], figure_id: str, change: str, policy: Policy, now: datetime) -> dict[str, Any]:
    new = dict(entry)
    new["last_seen"] = format_timestamp(now)
    new["last_change"] = change
    # Bounded, oldest first out: a figure stored as a claim is still recognised by _already_applied.
    new["seen_figure_ids"] = [*entry["seen_figure_ids"], figure_id][-policy.seen_limit :]
    return new


def _already_applied(entry: Mapping[str, Any], figure_id: str) -> bool:
    if figure_id in entry["seen_figure_ids"]:
        return True
    stored = [entry["latest"], *entry["history"], *entry.get("disputed", [])]
    return any(claim["figure_id"] == figure_id for claim in stored)


def _add_to_history(
    history: list[dict[str, Any]], claims: Iterable[dict[str, Any]], policy: Policy
) -> list[dict[str, Any]]:
    merged = list(history)
    for claim in claims:
        merged = _merge_claim(merged, claim, policy.contradiction_window)
    merged.sort(key=lambda c: (as_of_time(c), _rank(c)))
    return merged[-policy.history_limit :]


def _merge_claim(history: list[dict[str, Any]], claim: dict[str, Any], window: timedelta) -> list[dict[str, Any]]:
    # Five outlets quoting "more than 46,000 in February 2025" are one earlier claim, not five.
    for index, earlier in enumerate(history):
        if abs(as_of_time(earlier) - as_of_time(claim)) <= window and interval_of(earlier).overlaps(interval_of(claim)):
            if _rank(claim) < _rank(earlier):
                return [*history[:index], claim, *history[index + 1 :]]
            return history
    return [*history, claim]


def _label(figure: Mapping[str, Any]) -> str:
    subject = figure.get("subject")
    return f"{subject} {figure['measure']}" if subject else str(figure["measure"])


def _day(claim: Mapping[str, Any]) -> str:
    return str(claim["as_of"])[:10]


def _describe(claim: Mapping[str, Any]) -> str:
    who = [claim["attributed_to"]] if claim.get("attributed_to") else []
    return f"{claim['text']} ({', '.join([*who, _day(claim), claim['source']])})"
