"""Reading a text's quantities: each number with what is written around it, then shares and restatements."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.extract.numbers.context import Lead, lead_before, relative_change, settle_change
from pipeline.extract.numbers.filters import (
    blocked_spans,
    is_score,
    is_year,
    is_year_range,
    is_year_span,
    name_time_or_date_end,
    word_part_end,
    year_end,
)
from pipeline.extract.numbers.quantity import Qualifier, Quantity
from pipeline.extract.numbers.ranges import Extent, read_extent
from pipeline.extract.numbers.tokens import Core, Tok, adjacent, core_at, tokenize


def find_quantities(text: str, moves: bool = False) -> list[Quantity]:
    """Every quantity written in text, in order (years, dates, times, ordinals and names dropped).

    With `moves`, a value that moved "from X to Y" ("rose from 631 to 1,011") is two quantities, the old and the
    new, as the claim layer reads it; without, one range from X to Y, as NewsQuant annotates it."""
    tokens = tokenize(text)
    blocked = blocked_spans(text)
    found: list[Quantity] = []
    previous: Quantity | None = None
    i = 0
    while i < len(tokens):
        if any(s <= tokens[i].start < e for s, e in blocked):
            i += 1
            continue
        result = _read_at(text, tokens, i, moves)
        if result is None:
            i += 1
            continue
        quantity, next_i = result
        if quantity is not None:
            quantity = _inherit(text, previous, quantity)
            found.append(quantity)
            previous = quantity
        i = max(next_i, i + 1)
    return _one_in_n(text, found)


def _read_at(text: str, tokens: list[Tok], i: int, moves: bool = False) -> tuple[Quantity | None, int] | None:
    """The quantity whose number starts at token i (None if it is no quantity) and where to read on; None: no number."""
    core = core_at(tokens, i)
    if core is None:
        return None
    skip = name_time_or_date_end(text, tokens, i, core)
    if skip is not None:
        return None, skip
    fraction = _slash_fraction(text, tokens, i, core)
    if fraction is not None:
        return fraction
    skip = word_part_end(tokens, i, core)
    if skip is not None:
        return None, skip
    lead = lead_before(tokens, i, core)
    skip = year_end(tokens, i, core, lead.currency, lead.qualifier)
    if skip is not None:
        return None, skip
    extent = read_extent(tokens, core, lead, moves)
    second, separator = extent.second, extent.separator
    if second is not None and separator is not None and extent.low is not None and extent.high is not None:
        if is_year_span(tokens, core, second, separator, lead.qualifier):
            return None, second.end  # "2014-15", "1939-45"
        if is_score(tokens, core, second, separator, extent.low, extent.high, lead.currency):
            return None, second.end  # a score, "2-1"
    return _quantity(text, tokens, i, core, lead, extent)


def _quantity(
    text: str, tokens: list[Tok], i: int, core: Core, lead: Lead, extent: Extent
) -> tuple[Quantity | None, int]:
    """The quantity read at token i from its number, what precedes it and what follows it (None for a year)."""
    value, low, high, qualifier, unit = extent.value, extent.low, extent.high, extent.qualifier, extent.unit
    currency = lead.currency
    if unit == "currency":
        currency = extent.currency or currency
    kind = extent.kind
    if kind is None:
        kind = "amount"
    if core.vague is not None:
        kind = "vague"
        low, high = core.vague
        value = low
    elif core.fraction:
        kind = "fraction"
    # A year: "in 2018", "since 1985"; not "2000 people".
    if extent.second is None and is_year(tokens, core, qualifier, currency, unit):
        return None, core.end
    if extent.second is not None and unit == "count" and is_year_range(tokens, core, extent.second):
        return None, extent.range_end
    change = settle_change(tokens, i, lead, unit, extent.after_unit)
    after_unit = max(extent.after_unit, extent.range_end)
    # "a third more than", "20% higher than": a change relative to something else.
    if change is None:
        change = relative_change(tokens, after_unit, core, unit)
    start_char = _span_start(tokens, i, lead, qualifier)
    end_char = tokens[after_unit - 1].end
    span = text[start_char:end_char]
    return (
        Quantity(
            start=start_char,
            end=end_char,
            text=span,
            value=value,
            low=low,
            high=high,
            qualifier=qualifier,
            unit=unit,
            currency=currency if unit == "currency" else None,
            unit_text=extent.unit_text,
            change=change,
            vague=kind == "vague",
            kind=kind,
            number_start=tokens[i].start,
            from_to=extent.from_to,
            hedge=lead.qualifier,
        ),
        after_unit if after_unit > i else extent.range_end,
    )


def _span_start(tokens: list[Tok], i: int, lead: Lead, qualifier: Qualifier) -> int:
    """Where the quantity's text starts: at its qualifier, currency or sign, or at "between"/"from" for a range."""
    q_first = lead.q_first
    start_char = (
        tokens[q_first].start if qualifier != "range" or q_first < i else tokens[min(q_first, lead.cur_first)].start
    )
    if qualifier == "range" and q_first >= 1 and tokens[q_first - 1].low in ("between", "from"):
        start_char = tokens[q_first - 1].start
    return start_char


def _slash_fraction(text: str, tokens: list[Tok], i: int, core: Core) -> tuple[Quantity | None, int] | None:
    """ "3/4" is a fraction, "24/7" and "1/2/2020" no quantity; None when no slash follows the number."""
    tok = tokens[i]
    j = core.end
    if (
        core.numeric
        and j + 1 < len(tokens)
        and tokens[j].text in ("/", "⁄")
        and adjacent(tokens[j - 1], tokens[j])
        and adjacent(tokens[j], tokens[j + 1])
        and tokens[j + 1].text.isdigit()
        and tok.text.isdigit()
    ):
        denominator = float(tokens[j + 1].text)
        more_slash = j + 2 < len(tokens) and tokens[j + 2].text == "/"
        if 0 < core.value < denominator <= 1000 and not more_slash:
            return _fraction(text, tokens, i, j + 2, core.value / denominator), j + 2
        return None, j + 2
    return None


def _fraction(text: str, tokens: list[Tok], i: int, end: int, value: float) -> Quantity:
    """A fraction spanning tokens i to end (exclusive), as a count."""
    start, stop = tokens[i].start, tokens[end - 1].end
    return Quantity(
        start=start,
        end=stop,
        text=text[start:stop],
        value=value,
        low=None,
        high=None,
        qualifier="exact",
        unit="count",
        currency=None,
        unit_text=None,
        change=None,
        vague=False,
        kind="fraction",
        number_start=start,
    )


_ONE_IN_N = re.compile(r"(?i)\b(?:(nearly|almost|about|around|roughly)\s+)?(one|1)\s+(?:in|out\s+of)\s+(\w+)\b")


def _one_in_n(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "one in five", "one out of three": a share (1/5), not two counts."""
    for m in _ONE_IN_N.finditer(text):
        parts = [q for q in found if m.start() <= q.number_start < m.end()]
        # "one" itself may have been dropped ("only one", "the one"): the denominator is the last number read.
        denominator = (
            parts[-1].value
            if parts and parts[-1].number_start == m.start(3) and (len(parts) == 1 or parts[0].value == 1)
            else None
        )
        if not denominator or denominator < 2 or parts[-1].unit != "count":
            continue
        qualifier: Qualifier = "approx" if m.group(1) else "exact"
        share = Quantity(
            start=m.start(),
            end=m.end(),
            text=m.group(),
            value=1 / denominator,
            low=None,
            high=None,
            qualifier=qualifier,
            unit="count",
            currency=None,
            unit_text=None,
            change=None,
            vague=False,
            kind="fraction",
            number_start=m.start(2),
            hedge=qualifier,
        )
        found = [q for q in found if q not in parts] + [share]
    return sorted(found, key=lambda q: q.start)


def _inherit(text: str, previous: Quantity | None, quantity: Quantity) -> Quantity:
    """ "lost 190 points, or 0.6%" and "more than 100 km (60 miles)": the restatement says the same thing."""
    if previous is None:
        return quantity
    gap = text[previous.end : quantity.start]
    in_parens = re.fullmatch(r"\s*\(\s*", gap) or (
        re.fullmatch(r"\s*/\s*", gap) and text[: previous.start].rstrip().endswith("(")
    )  # "(224 kW / 300 PS)"
    if in_parens and quantity.hedge == "exact" and quantity.change is None:
        qualifier = previous.hedge if quantity.qualifier == "exact" else quantity.qualifier
        return replace(quantity, qualifier=qualifier, hedge=previous.hedge, change=previous.change)
    if re.fullmatch(r"\s*(?:[a-z]+\s*)?,?\s*or\s+", gap) and previous.change and quantity.change is None:
        return replace(quantity, change=previous.change)  # "lost 190 points, or 0.6%"
    if (
        re.fullmatch(r"\s*,\s*[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}\s+by\s+", gap)
        and previous.change
        and quantity.change is None
        and quantity.unit == previous.unit
    ):
        return replace(quantity, change=previous.change)  # "were down 2.3%, Burlington by 2.6%"
    return quantity
