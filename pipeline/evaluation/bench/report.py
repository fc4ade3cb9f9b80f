"""The benchmark table: rows with targets, verdicts, and the Markdown they print as."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


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
    lines += [[row.name, _number(row.value, row.unit), _target(row), row.verdict, row.note] for row in rows]
    return _markdown(lines)


def _target(row: Row) -> str:
    if row.target is None:
        return ""
    return ("≥ " if row.higher_is_better else "≤ ") + _number(row.target, row.unit)


def _markdown(lines: Sequence[Sequence[str]]) -> str:
    """Rows of cells, the first the header, as a Markdown table with padded columns."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    out = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(lines[0], widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    out += ["| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |" for line in lines[1:]]
    return "\n".join(out)


def rows_to_json(rows: Sequence[Row]) -> list[dict[str, object]]:
    """Rows as JSON values, to compare runs made apart (one broker each)."""
    return [dataclasses.asdict(row) for row in rows]


def rows_from_json(values: Sequence[dict[str, Any]]) -> list[Row]:
    """Rows saved by `rows_to_json`."""
    return [Row(**value) for value in values]


def format_side_by_side(runs: Sequence[tuple[str, Sequence[Row]]]) -> str:
    """One Markdown table of several runs' rows by measure: measure, a value and verdict per run, target, note.

    A measure only one run has shows "n/a" in the others; rows keep the first run's order.
    """
    names: list[str] = []
    for _, rows in runs:
        names += [row.name for row in rows if row.name not in names]
    by_run = [{row.name: row for row in rows} for _, rows in runs]
    header = ["measure", *(label for label, _ in runs), "target", "note"]
    lines = [header]
    for name in names:
        first = next(run[name] for run in by_run if name in run)
        cells = []
        for run in by_run:
            row = run.get(name)
            cells.append("n/a" if row is None else f"{_number(row.value, row.unit)} {row.verdict}".rstrip())
        lines.append([name, *cells, _target(first), first.note])
    return _markdown(lines)
