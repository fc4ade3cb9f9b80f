"""Alerts stage core: turn contradictions into `alerts` messages, and render claims for people.

`alert_for` is pure and deterministic (the alert id derives from the update id), so a replayed
update yields the same alert and consumers drop the repeat. `render_table` and `render_update`
give the lines `wiretally demo` and replay print.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pipeline.claims import point_value
from pipeline.schemas import SCHEMA_VERSION

Severity = Literal["warning", "critical"]

# A gap this large (the larger figure over 150% of the smaller) is not rounding or a late count.
CRITICAL_RELATIVE_GAP = 0.5


def relative_gap(old: Mapping[str, Any], new: Mapping[str, Any]) -> float:
    """How far apart two claims are, relative to the smaller: 1,200 vs 2,500 is 1.08."""
    a, b = abs(point_value(old)), abs(point_value(new))
    smaller, larger = min(a, b), max(a, b)
    if smaller == 0:
        return float("inf") if larger else 0.0
    return (larger - smaller) / smaller


def severity_of(update: Mapping[str, Any]) -> Severity:
    """critical when the relative gap exceeds 50%, else warning."""
    return "critical" if relative_gap(update["old"], update["new"]) > CRITICAL_RELATIVE_GAP else "warning"


def alert_id(update_id: str) -> str:
    """Deterministic alert id derived from the update's id."""
    return hashlib.sha1(f"alert\x1f{update_id}".encode()).hexdigest()


def alert_for(update: dict[str, Any]) -> dict[str, Any] | None:
    """An `alerts` message for a contradiction; None for any other update."""
    if update.get("kind") != "contradiction":
        return None
    gap = relative_gap(update["old"], update["new"])
    gap_text = "no gap" if gap == 0 else ("gap unbounded" if gap == float("inf") else f"gap {gap:.0%}")
    return {
        "schema_version": SCHEMA_VERSION,
        "id": alert_id(update["id"]),
        "kind": "contradiction",
        "severity": severity_of(update),
        "key": update["key"],
        "summary": f"{update['explanation']} ({gap_text})",
        "update": update,
    }


def render_update(update: Mapping[str, Any]) -> str:
    """One line for an updates message: its kind and explanation."""
    return f"{update['kind'].upper():<13} {update['explanation']}"


def render_entry(entry: Mapping[str, Any]) -> str:
    """One line for a claims table entry: latest value, its sources, earlier values, disputes."""
    latest = entry["latest"]
    who = f"{latest['attributed_to']}, " if latest.get("attributed_to") else ""
    line = f"{entry['key']}: {latest['text']} ({who}as of {str(latest['as_of'])[:10]})"
    sources = entry.get("sources", [])
    line += f"; {len(sources)} source{'s' if len(sources) != 1 else ''}: {', '.join(sources)}"
    history = entry.get("history", [])
    if history:
        line += "; earlier: " + ", ".join(f"{c['text']} ({str(c['as_of'])[:10]})" for c in history)
    disputed = entry.get("disputed", [])
    if disputed:
        line += "; disputed: " + ", ".join(f"{c['text']} ({c['source']}, {str(c['as_of'])[:10]})" for c in disputed)
    return line


def render_table(entries: Iterable[Mapping[str, Any]]) -> str:
    """The claims table as lines, one per key, sorted by key."""
    return "\n".join(render_entry(entry) for entry in sorted(entries, key=lambda e: e["key"]))
