"""What a quantity read from a text says: `Quantity`, and the words its fields take."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "less_than", "range"]
Unit = Literal["count", "percent", "currency", "temperature", "distance", "area", "other"]
Direction = Literal["up", "down"]
QuantityKind = Literal["amount", "duration", "age", "fraction", "vague"]


@dataclass(frozen=True)
class Quantity:
    """One quantity in a text: its span (qualifier and currency sign included) and what it says."""

    start: int
    end: int
    text: str
    value: float
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: Unit
    currency: str | None
    unit_text: str | None
    change: Direction | None
    vague: bool
    kind: QuantityKind
    # The start of the digits/number words themselves, after qualifier and currency sign.
    number_start: int
    # "from 10 to 20": written as two levels, not as an interval (a change's before and after).
    from_to: bool = False
    # The qualifier written before the number; for a range (qualifier "range") it says "about 10-20".
    hedge: Qualifier = "exact"
