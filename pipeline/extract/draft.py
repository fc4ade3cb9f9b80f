"""Working state of the claim layer: a sentence segment, a figure's draft and the time expressions bearing on it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.extract.numbers import Quantity
from pipeline.extract.timex import TimeExpr


@dataclass
class _Segment:
    """One sentence of the article, where it stands and what the cheap layers found in it."""

    text: str
    offset: int
    in_headline: bool
    quantities: list[Quantity]
    doc: Doc | None = None
    persons: list[tuple[int, str]] = field(default_factory=list)  # (offset in the sentence, name)
    times: list[TimeExpr] | None = None
    # Where each character of `text` stands in the sentence as written, when `text` had its runs of
    # whitespace collapsed (hard-wrapped copy: "are now\n\t\tdeferring"); None when it is as written.
    spans: list[int] | None = None
    # An item of a list its lead-in names the measure of ("causes of deaths thus far:" then "Drowning: 20"):
    # the measure, and the item's label.
    listed: tuple[str, str] | None = None

    def source_offset(self, i: int) -> int:
        """The offset in the sentence as written of position i in `text` (i may be len(text))."""
        if self.spans is None:
            return i
        return self.spans[i - 1] + 1 if i == len(self.text) and i > 0 else self.spans[i]


@dataclass
class _Timing:
    """The time expressions that bear on one figure: its period, the statement date and a plain as-of date."""

    period: TimeExpr | None = None
    statement: TimeExpr | None = None
    point: TimeExpr | None = None
    as_of_by: bool = False


@dataclass
class _Draft:
    seg: _Segment
    index: int
    q: Quantity
    measure: str
    subject: str | None
    elided: bool
    location: str | None
    speaker: str | None
    timing: _Timing
    incident: bool
    cumulative: bool
    event: str | None = None
    place: str | None = None  # the place the figure's own sentence names ("Wajima, Japan"), if any
    partitive: bool = False  # picks from a set it counts the same way ("eight of the cases"): a part
    difference: str | None = None  # "overcounted by 30": a change, not a level (up or down)
    past: int | None = None  # the year of an earlier event it is a figure of ("the 2016 quakes that claimed 276")
    earlier: bool = False  # the text marks it as an older figure ("who previously reported 72 deaths")
    projected: bool = False  # a level the text expects, not one it reports ("kept its forecast of 4% to 5%")
    state: bool = False  # counts what is in a state now ("74 ships were waiting"): a level, which may fall
    as_of: str | None = None
    as_of_text: str | None = None
