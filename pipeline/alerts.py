"""Alerts stage core: turn contradictions into `alerts` messages, and render claims for people.

`alert_for` is pure and deterministic (the alert id derives from the update id), so a replayed
update yields the same alert and consumers drop the repeat. Only contradictions the claims stage
is confident of (`confidence` at or above WIRETALLY_ALERT_MIN_CONFIDENCE) page anyone; the others
stay on `updates`, with their reason, for an editor's queue. `render_table` and `render_update`
give the lines `wiretally demo` and replay print.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pipeline.claims import is_resolved, relative_gap
from pipeline.schemas import SCHEMA_VERSION

Severity = Literal["warning", "critical"]

# A gap this large (the larger figure over 150% of the smaller) is not rounding or a late count.
CRITICAL_RELATIVE_GAP = 0.5
# The default of WIRETALLY_ALERT_MIN_CONFIDENCE: two named sources apart by more than rounding (0.9) and a
# running total revised down (0.85) pass; an outlet against an outlet with an approximate figure (0.65) does not.
DEFAULT_MIN_CONFIDENCE = 0.7


def severity_of(update: Mapping[str, Any]) -> Severity:
    """critical when the relative gap exceeds 50%, else warning."""
    return "critical" if relative_gap(update["old"], update["new"]) > CRITICAL_RELATIVE_GAP else "warning"


def alert_id(update_id: str) -> str:
    """Deterministic alert id derived from the update's id."""
    return hashlib.sha1(f"alert\x1f{update_id}".encode()).hexdigest()


def alert_for(update: dict[str, Any], min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> dict[str, Any] | None:
    """An `alerts` message for a confident contradiction; None for an update or a doubtful contradiction."""
    if update.get("kind") != "contradiction" or float(update.get("confidence", 1.0)) < min_confidence:
        return None
    return {
        "schema_version": SCHEMA_VERSION,
        "id": alert_id(update["id"]),
        "kind": "contradiction",
        "severity": severity_of(update),
        "key": update["key"],
        # The explanation gives the sources, the days and the gap already.
        "summary": f"{update['explanation']} (confidence {float(update.get('confidence', 1.0)):.2f})",
        "update": update,
    }


def render_update(update: Mapping[str, Any]) -> str:
    """One line for an updates message: its kind, confidence and explanation."""
    confidence = update.get("confidence")
    shown = f" [{float(confidence):.2f}]" if confidence is not None else ""
    return f"{update['kind'].upper():<13}{shown} {update['explanation']}"


def render_entry(entry: Mapping[str, Any]) -> str:
    """One line for a claims table entry: latest value, its sources, earlier values, disputes."""
    latest = entry["latest"]
    who = f"{latest['attributed_to']}, " if latest.get("attributed_to") else ""
    line = f"{entry['key']}: {latest['text']} ({who}as of {str(latest['as_of'])[:10]})"
    if not is_resolved(latest):
        line += " [unresolved subject or measure: not compared]"
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
