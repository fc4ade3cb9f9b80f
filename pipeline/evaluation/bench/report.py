"""The benchmark table: rows with targets, verdicts, and the Markdown they print as."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One line of the benchmark table; target None means informational."""

    name: str
    value: float
    unit: str
    target: float | None = None
    higher_is_better: bool = True
    note: str = ""

    @property
    def verdict(self) -> str:
        """'met', 'missed by X%', or '' without a target."""
        return verdict(self.value, self.target, self.higher_is_better)


def verdict(value: float, target: float | None, higher_is_better: bool = True) -> str:
    """'met' or 'missed by X%' (how far the value falls short of, or exceeds, the target)."""
    if target is None:
        return ""
    if math.isnan(value):
        return "not measured"
    met = value >= target if higher_is_better else value <= target
    if met:
        return "met"
    return f"missed by {100 * abs(value - target) / target:.0f}%"


def _number(value: float, unit: str) -> str:
    if math.isnan(value):
        return "n/a"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "ms":
        return f"{value:.0f} ms"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "%":
        return f"{value:.1f}%"
    return f"{value:,.1f} {unit}".rstrip() if abs(value) >= 10 else f"{value:.3g} {unit}".rstrip()


def format_table(rows: Sequence[Row]) -> str:
    """A Markdown table: measure, value, target, verdict, note."""
    lines = [["measure", "value", "target", "verdict", "note"]]
    for row in rows:
        target = "" if row.target is None else ("≥ " if row.higher_is_better else "≤ ") + _number(row.target, row.unit)
        lines.append([row.name, _number(row.value, row.unit), target, row.verdict, row.note])
    widths = [max(len(line[i]) for line in lines) for i in range(5)]
    out = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(lines[0], widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    out += ["| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |" for line in lines[1:]]
    return "\n".join(out)
