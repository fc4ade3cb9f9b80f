"""The claims table: one value per key, folded from its claims in publication order, and the updates it emits.

`apply_figure` takes one table value (a JSON dict shaped like schemas/claim-entry.json, or None)
and one figure (schemas/figures.json) and returns an `Outcome`. A key's applied claims are kept
in publication order (`sequence.log`, bounded; older ones folded into `sequence.base`), so a
figure that arrives after a later article's (another partition was faster) is put in its place
and the key re-applied from there: the table ends up the same whatever the arrival order, and
the updates are those of publication order, plus any already sent before the late figure came.
A late figure does not announce again a move to a value that a later article already announced
(`sequence.announced`): the seed story's 55,000 is one update whatever order its articles arrive in.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pipeline.claims.rules import Judgement, judge
from pipeline.claims.values import (
    PRECISION,
    article_token,
    as_of_time,
    claim_of,
    compatible,
    day_of,
    describe,
    figure_token,
    is_resolved,
    same_value,
)
from pipeline.ingest import format_timestamp, parse_timestamp
from pipeline.schemas import SCHEMA_VERSION

ChangeKind = Literal[
    "new",
    "update",
    "contradiction",
    "corroboration",
    "history",
    "another_count",
    "unresolved",
    "duplicate",
    "repeat",
    "ignored",
]
_STATE_FIELDS = ("latest", "history", "disputed", "sources", "story_sources")
_EMPTY_STATE: dict[str, Any] = {
    "latest": None,
    "history": [],
    "disputed": [],
    "sources": [],
    "story_sources": 1,
    "before": None,
    "article": None,
}


@dataclass(frozen=True)
class Policy:
    """The table's bounds: claims of history, figure ids remembered, claims kept for re-ordering."""

    history_limit: int
    seen_limit: int = 500
    log_limit: int = 60

    @classmethod
    def from_settings(cls, settings: Any) -> Policy:
        """The policy a `Settings` describes."""
        return cls(history_limit=settings.history_limit)


@dataclass(frozen=True)
class Outcome:
    """What one figure did to its key: `entry` None leaves the table as it is.

    `update` is the figure's own updates message; `revised` holds messages for later figures of
    the key whose verdict changed because this one arrived late (ids are deterministic, so one
    already sent is recognised and not sent again).
    """

    kind: ChangeKind
    explanation: str
    entry: dict[str, Any] | None
    update: dict[str, Any] | None = None
    revised: tuple[dict[str, Any], ...] = field(default=())

    @property
    def messages(self) -> list[dict[str, Any]]:
        """Every updates message to send, the figure's own first."""
        return ([self.update] if self.update is not None else []) + list(self.revised)


@dataclass(frozen=True)
class _Step:
    kind: ChangeKind
    explanation: str
    state: dict[str, Any]
    claim: dict[str, Any]
    old: dict[str, Any] | None = None
    judgement: Judgement | None = None


def apply_figure(entry: dict[str, Any] | None, figure: dict[str, Any], policy: Policy, now: datetime) -> Outcome:
    """Fold one figure into its key's table value; idempotent for a figure already applied."""
    label = _label(figure)
    if figure.get("vague") or figure.get("change"):
        what = "a vague amount" if figure.get("vague") else "a change, not a level"
        return Outcome("ignored", f"{label}: {figure['text']!r} ({figure['source']}) ignored: {what}", None)
    token = figure_token(figure)
    if entry is not None and _already_applied(entry, token):
        return Outcome("repeat", f"{label}: figure {token} already applied", None)
    if figure.get("duplicate_of") and not figure.get("is_new_version", False):
        explanation = f"{label}: {figure['text']} ({figure['source']}) is in a copy of {figure['duplicate_of']}"
        if entry is None:
            return Outcome("duplicate", explanation, None)
        return Outcome("duplicate", explanation, _touched(entry, token, "duplicate", policy, now))
    outcome = _insert(entry or _empty_entry(figure, now), figure, claim_of(figure), policy, now)
    if outcome.update is not None and figure.get("received_at"):
        # When the article reached the stream (for latency): on the message, never in the table, so that a
        # replay after a crash leaves the table as an uninterrupted run would.
        outcome.update["received_at"] = figure["received_at"]
    return outcome


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


def update_id(key: str, token: str, kind: str) -> str:
    """Deterministic id of an updates message (key, figure token, kind), so a replay re-emits the same id."""
    return hashlib.sha1(f"{key}\x1f{token}\x1f{kind}".encode()).hexdigest()


def _order(claim: Mapping[str, Any]) -> tuple[datetime, str, int, int, str]:
    # Publication order, then the article's own apply order: the order of a replay in published_at order.
    return (
        parse_timestamp(str(claim["published_at"])),
        str(claim["article_id"]),
        int(claim.get("article_version") or 0),
        int(claim.get("article_seq", 0)),
        figure_token(claim),
    )


def _insert(
    entry: dict[str, Any], figure: Mapping[str, Any], claim: dict[str, Any], policy: Policy, now: datetime
) -> Outcome:
    sequence = entry.get("sequence") or {"log": []}
    log: list[dict[str, Any]] = list(sequence["log"])
    base = sequence.get("base")
    index = bisect.bisect_right([_order(c) for c in log], _order(claim))
    # The key's first claim in publication order describes it (measure, subject, scope).
    meta = _meta(figure) if index == 0 and base is None else _meta(entry)
    late = False
    if index == 0 and base is not None:
        # Older than every claim kept for re-ordering: too late to re-apply the key; history only.
        steps = [_history_only(_state_of(entry), claim, policy)]
        state = steps[0].state
    elif index == len(log):
        steps = [_step(_state_of(entry), claim, meta, policy)]
        state = steps[0].state
        log.append(claim)
    else:
        # A late figure: re-apply the key in publication order; later claims may change their verdict.
        log.insert(index, claim)
        late = True
        state = dict(base) if base is not None else dict(_EMPTY_STATE)
        replayed = []
        for applied in log:
            replayed.append(_step(state, applied, meta, policy))
            state = replayed[-1].state
        steps = replayed[index:]
    while len(log) > policy.log_limit:
        # The oldest claim leaves the log: fold it into the base the log is re-applied from.
        oldest = log.pop(0)
        base = _step(dict(base) if base is not None else dict(_EMPTY_STATE), oldest, meta, policy).state
    own = steps[0]
    announced = list(sequence.get("announced") or [])
    messages = [_message(meta, step, now) for step in steps]
    if late:
        # A re-application: a move a later article of the key already announced is not announced again.
        messages = [None if m is not None and _announced(announced, m, claim) else m for m in messages]
    announced = [*announced, *(_announcement(m) for m in messages if m is not None)][-policy.log_limit :]
    new_entry = _entry(entry, meta, state, log, base, announced, own.kind, figure_token(figure), policy, now)
    revised = tuple(message for message in messages[1:] if message is not None)
    return Outcome(own.kind, own.explanation, new_entry, messages[0], revised)


def _announcement(message: Mapping[str, Any]) -> dict[str, Any]:
    """What the key remembers of an updates message it emitted: its id, kind and the two readings."""
    return {
        "id": message["id"],
        "kind": message["kind"],
        "old": _reading(message["old"]),
        "new": _reading(message["new"]),
        "published_at": message["new"]["published_at"],
    }


def _reading(claim: Mapping[str, Any]) -> dict[str, Any]:
    return {name: claim[name] for name in ("value", "low", "high", "qualifier", "text") if name in claim}


def _announced(announced: Iterable[Mapping[str, Any]], message: Mapping[str, Any], late: Mapping[str, Any]) -> bool:
    """True when an article published at or after the late claim already announced this move.

    Its figure reached the key first (another partition was faster), so the update to the same
    value was sent then, perhaps from an older value (the key knew less); the late figure that
    now makes it is the same news. A contradiction is the same only between the same two readings.
    """
    after = parse_timestamp(str(late["published_at"]))
    return any(
        earlier["id"] == message["id"]
        or (
            earlier["kind"] == message["kind"]
            and parse_timestamp(str(earlier["published_at"])) >= after
            and same_value(earlier["new"], message["new"])
            and (message["kind"] == "update" or same_value(earlier["old"], message["old"]))
        )
        for earlier in announced
    )


def _step(state: dict[str, Any], claim: dict[str, Any], meta: Mapping[str, Any], policy: Policy) -> _Step:
    """Apply one claim to a key's state."""
    label = _label(meta)
    new = dict(state)
    if state.get("article") != article_token(claim):
        # The latest before this article: a second source in the article is weighed against it too.
        new["article"] = article_token(claim)
        new["before"] = state.get("latest")
    latest = state.get("latest")
    baseline = latest if latest is not None and is_resolved(latest) else None
    if not is_resolved(claim):
        if baseline is None:
            new.update(latest=claim, sources=[claim["source"]], story_sources=claim.get("story_sources") or 1)
        else:
            new["history"] = _add_to_history(state["history"], [claim], policy)
        explanation = f"{label}: {describe(claim)} kept; its subject or measure is unresolved, so it is not compared"
        return _Step("unresolved", explanation, new, claim)
    if baseline is None:
        new.update(
            latest=claim,
            history=_add_to_history(state["history"], [latest] if latest is not None else [], policy),
            disputed=[],
            sources=[claim["source"]],
            story_sources=claim.get("story_sources") or 1,
        )
        return _Step("new", f"{label}: first claim {describe(claim)}", new, claim)
    if claim.get("article_role") == "context":
        # Only an article's newest figure (per source) is weighed; its earlier ones are history.
        return _history_only(state, claim, policy, new)
    judgement = judge(baseline, claim, new.get("before"), cumulative=_cumulative(meta))
    if judgement.kind == "history":
        return _history_only(state, claim, policy, new)
    if judgement.kind == "another_count":
        # The latest as ever (the last applied), with no alert; the one it replaces goes into history.
        new.update(
            latest=claim,
            history=_add_to_history(state["history"], [baseline], policy),
            sources=[claim["source"]],
            story_sources=claim.get("story_sources") or 1,
        )
        return _Step("another_count", f"{label}: {describe(claim)}, no alert: {judgement.reason}", new, claim)
    return _adopt(new, claim, baseline, judgement, label, policy)


def _history_only(
    state: dict[str, Any], claim: dict[str, Any], policy: Policy, new: dict[str, Any] | None = None
) -> _Step:
    """An older claim (or an article's own earlier figure): into history; latest stays; no alert."""
    new = dict(state) if new is None else new
    latest = state["latest"]
    new["history"] = _add_to_history(state["history"], [claim], policy)
    if is_resolved(latest) and compatible(claim, latest):
        new["sources"] = sorted({*state["sources"], claim["source"]})
        explanation = f"{describe(claim)} agrees with the latest {latest['text']} ({day_of(latest)}): history"
        return _Step("corroboration", explanation, new, claim)
    explanation = f"{describe(claim)} is history beside the latest {latest['text']} ({day_of(latest)})"
    return _Step("history", explanation, new, claim)


def _adopt(
    new: dict[str, Any], claim: dict[str, Any], old: dict[str, Any], judgement: Judgement, label: str, policy: Policy
) -> _Step:
    """Make the claim the latest: the last one applied, whatever the verdict."""
    disputed = list(new["disputed"])
    if judgement.kind == "update":
        # The superseded value and anything that disputed it are now history.
        new["history"] = _add_to_history(new["history"], [old, *disputed], policy)
        new["disputed"] = []
        new["sources"] = [claim["source"]]
        new["story_sources"] = claim.get("story_sources") or 1
        explanation = f"{label}: {describe(claim)} updates {old['text']} ({day_of(old)}): {judgement.reason}"
    else:
        # Claims that still disagree with the new latest stay disputed; those that agree are history.
        pool = [*disputed, old]
        agreeing = [c for c in pool if compatible(c, claim)]
        new["disputed"] = [c for c in pool if not compatible(c, claim)][-policy.history_limit :]
        new["history"] = _add_to_history(new["history"], agreeing, policy)
        if judgement.kind == "corroboration":
            counted = claim["source"] in new["sources"]
            backers = {claim["source"], *(c["source"] for c in agreeing)}
            if compatible(claim, old):
                backers |= set(new["sources"])
            new["sources"] = sorted(backers)
            new["story_sources"] = max(new.get("story_sources") or 1, claim.get("story_sources") or 1)
            tally = f"{claim['source']} already counted" if counted else f"{len(new['sources'])} sources"
            if new["story_sources"] > 1:
                tally += f"; the story was reported by {new['story_sources']} outlets"
            agreed = judgement.against or old
            explanation = (
                f"{label}: {describe(claim)} agrees with {agreed['text']} ({agreed['source']}, {day_of(agreed)}): "
                f"{tally}"
            )
        else:
            new["sources"] = [claim["source"]]
            new["story_sources"] = claim.get("story_sources") or 1
            explanation = f"contradiction: {label}: {judgement.reason}"
    new["latest"] = claim
    kind: ChangeKind = judgement.kind
    raised = judgement if kind in ("update", "contradiction") else None
    return _Step(kind, explanation, new, claim, old, raised)


def _cumulative(meta: Mapping[str, Any]) -> bool:
    return (meta.get("scope") or {}).get("kind") == "cumulative"


def _meta(source: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "key": source["key"],
        "measure": source["measure"],
        "subject": source.get("subject"),
        "location": source.get("location"),
        "scope": dict(source.get("scope") or {"kind": "point"}),
    }


def _empty_entry(figure: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    return {**_meta(figure), **_EMPTY_STATE, "first_seen": format_timestamp(now), "seen_figure_ids": []}


def _state_of(entry: Mapping[str, Any]) -> dict[str, Any]:
    state = {name: entry.get(name, _EMPTY_STATE[name]) for name in _STATE_FIELDS}
    sequence = entry.get("sequence") or {}
    state["before"] = sequence.get("before")
    state["article"] = sequence.get("article")
    return state


def _entry(
    entry: Mapping[str, Any],
    meta: Mapping[str, Any],
    state: Mapping[str, Any],
    log: list[dict[str, Any]],
    base: dict[str, Any] | None,
    announced: list[dict[str, Any]],
    change: ChangeKind,
    token: str,
    policy: Policy,
    now: datetime,
) -> dict[str, Any]:
    stamp = format_timestamp(now)
    return {
        "schema_version": SCHEMA_VERSION,
        **meta,
        "resolved": is_resolved(state["latest"]),
        **{name: state[name] for name in _STATE_FIELDS},
        "first_seen": entry.get("first_seen") or stamp,
        "last_seen": stamp,
        "last_change": change,
        # Bounded, oldest first out: a figure stored as a claim is still recognised by _already_applied.
        "seen_figure_ids": [*entry.get("seen_figure_ids", []), token][-policy.seen_limit :],
        "sequence": {
            "log": log,
            "base": base,
            "before": state.get("before"),
            "article": state.get("article"),
            "announced": announced,
        },
    }


def _message(meta: Mapping[str, Any], step: _Step, now: datetime) -> dict[str, Any] | None:
    """The updates message for an update or a contradiction; None for any other step."""
    judgement, old, new = step.judgement, step.old, step.claim
    if judgement is None or old is None or judgement.rule is None:
        return None
    kind = "update" if judgement.kind == "update" else "contradiction"
    pair = [new["article_id"]] if kind == "update" else [old["article_id"], new["article_id"]]
    message: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": update_id(meta["key"], figure_token(new), kind),
        "key": meta["key"],
        "kind": kind,
        "measure": meta["measure"],
        "subject": meta.get("subject"),
        "location": meta.get("location"),
        "old": old,
        "new": new,
        "sources": [new["source"]],
        "article_ids": list(dict.fromkeys(pair)),
        "rule": judgement.rule,
        "confidence": judgement.confidence,
        "reason": judgement.reason,
        "explanation": step.explanation,
        "emitted_at": format_timestamp(now),
    }
    return message


def _touched(entry: Mapping[str, Any], token: str, change: ChangeKind, policy: Policy, now: datetime) -> dict[str, Any]:
    new = dict(entry)
    new["last_seen"] = format_timestamp(now)
    new["last_change"] = change
    new["seen_figure_ids"] = [*entry["seen_figure_ids"], token][-policy.seen_limit :]
    return new


def _already_applied(entry: Mapping[str, Any], token: str) -> bool:
    if token in entry["seen_figure_ids"]:
        return True
    sequence = entry.get("sequence") or {}
    stored = [entry.get("latest"), *entry["history"], *entry.get("disputed", []), *sequence.get("log", [])]
    return any(claim is not None and figure_token(claim) == token for claim in stored)


def _add_to_history(
    history: list[dict[str, Any]], claims: Iterable[dict[str, Any]], policy: Policy
) -> list[dict[str, Any]]:
    merged = list(history)
    for claim in claims:
        merged = _merge_claim(merged, claim)
    merged.sort(key=lambda c: (as_of_time(c), _order(c)))
    return merged[-policy.history_limit :]


def _merge_claim(history: list[dict[str, Any]], claim: dict[str, Any]) -> list[dict[str, Any]]:
    # Five outlets quoting "more than 46,000 in February 2025" are one earlier claim, not five.
    for index, earlier in enumerate(history):
        if day_of(earlier) == day_of(claim) and compatible(earlier, claim):
            if _history_rank(claim) < _history_rank(earlier):
                return [*history[:index], claim, *history[index + 1 :]]
            return history
    return [*history, claim]


def _history_rank(claim: Mapping[str, Any]) -> tuple[int, datetime, str]:
    # The most precise, then the first published, stands for agreeing earlier claims.
    return (PRECISION.get(claim["qualifier"], 5), parse_timestamp(str(claim["published_at"])), figure_token(claim))


def _label(item: Mapping[str, Any]) -> str:
    subject = item.get("subject")
    measure = item.get("measure", "")
    return f"{subject} {measure}" if subject else str(measure)
