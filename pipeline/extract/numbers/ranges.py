"""What follows a number: its unit and, when a second number follows, a range ("10-20", "between 10 and 20")."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.numbers.context import Lead, currency_before, unit_after
from pipeline.extract.numbers.filters import is_date_part
from pipeline.extract.numbers.lexicon import CURRENCY_SIGNS, DOWN, UP
from pipeline.extract.numbers.quantity import Qualifier, QuantityKind, Unit
from pipeline.extract.numbers.tokens import Core, Tok, adjacent, core_at, scale_of


@dataclass(frozen=True)
class Extent:
    """A number read on to its unit, or to a range's second number and the unit after it."""

    value: float
    low: float | None
    high: float | None
    qualifier: Qualifier
    from_to: bool
    second: Core | None  # a range's second number
    separator: int | None  # the index of the token between a range's two numbers
    range_end: int  # the token after the range's second number; the number's end when there is no range
    unit: Unit
    currency: str | None  # the currency written after the number ("20 euros"), if any
    unit_text: str | None
    after_unit: int  # the token after the unit
    kind: QuantityKind | None


def read_extent(tokens: list[Tok], core: Core, lead: Lead, moves: bool = False) -> Extent:
    """The unit after the number and, when a second number follows ("10-20", "from 252 to 287 miles"), the range."""
    j = core.end
    value = -core.value if lead.negative else core.value
    # A range: "10-20", "10 to 20", "between 10 and 20", "from 252 to 287 miles".
    unit, currency, unit_text, after_unit, kind = unit_after(tokens, j, tokens[j - 1], lead.currency)
    sep_at = _separator(tokens, core, lead, unit, kind, after_unit)
    second = _second_number(tokens, core, lead, sep_at, unit, moves) if sep_at is not None else None
    if second is None or sep_at is None:
        after_unit = after_unit if unit != "count" else j
        return Extent(
            value, None, None, lead.qualifier, False, None, None, j, unit, currency, unit_text, after_unit, kind
        )
    v1, v2 = value, second.value
    scale = scale_of(tokens, second)
    if second.scaled and not core.scaled and v1 * scale <= v2:
        # "between 10 and 20 million", "$1.5-2bn": the scale written once applies to both.
        v1 *= scale
    from_to = tokens[sep_at].low == "to" and _word_before(tokens, lead.q_first) == "from"
    low, high = min(v1, v2), max(v1, v2)
    range_end = second.end
    unit, currency, unit_text, after_unit, kind = unit_after(tokens, range_end, tokens[range_end - 1], lead.currency)
    if unit == "count" and tokens[j].text not in ("-", "–", "—", "to", "and"):
        unit, currency, unit_text, _, kind = unit_after(tokens, j, tokens[j - 1], lead.currency)
        after_unit = range_end
    return Extent(
        low, low, high, "range", from_to, second, sep_at, range_end, unit, currency, unit_text, after_unit, kind
    )


def _word_before(tokens: list[Tok], k: int) -> str:
    """The lower-cased word before token k ("" at the start)."""
    return tokens[k - 1].low if k >= 1 else ""


def _separator(
    tokens: list[Tok], core: Core, lead: Lead, unit: Unit, kind: QuantityKind | None, after_unit: int
) -> int | None:
    """The index of a range's separator after the number: "-", "to", "and" after "between", "or" between words."""
    j = core.end
    tok = tokens[core.start]
    sep_at = after_unit if unit != "count" and kind not in ("duration",) else j
    sep_at = j if j < len(tokens) and tokens[j].text in ("-", "–", "—") else sep_at
    if sep_at >= len(tokens):
        return None
    sep = tokens[sep_at].low
    k = sep_at + 1
    between = _word_before(tokens, lead.q_first) == "between"
    if k < len(tokens) and (
        (
            sep in ("-", "–", "—")
            and adjacent(tokens[sep_at - 1], tokens[sep_at])
            and adjacent(tokens[sep_at], tokens[k])
        )
        or (sep in ("-", "–", "—") and tok.text[0].isdigit() and tokens[k].text[0].isdigit())
        or (sep == "to" and not (lead.change and unit != "count"))
        or (sep == "and" and between)
        or (sep == "or" and not core.numeric)
    ):
        return sep_at
    return None


_MOVED = UP | DOWN | {"revised", "raised", "reduced", "changed", "went", "moved", "corrected", "adjusted", "brought"}


def _moved(tokens: list[Tok], k: int, old: Core, new: Core) -> bool:
    """Whether a change written just before token k ("rose", "revised down", "fell substantially Friday,") takes
    the old value to the new one ("down from $89 to $93 billion" is a range the value came down from)."""
    words = {t.low for t in tokens[max(0, k - 4) : k]}
    if not words & _MOVED:
        return False
    if words & UP and not words & DOWN:
        return new.value > old.value
    if words & DOWN and not words & UP:
        return new.value < old.value
    return True


def _second_number(
    tokens: list[Tok], core: Core, lead: Lead, sep_at: int, unit: Unit, moves: bool = False
) -> Core | None:
    """The number after a range's separator, when it makes a range with the first ("10 to 20", not "3 to 1")."""
    sep = tokens[sep_at].low
    k = sep_at + 1
    prev_word = _word_before(tokens, lead.q_first)
    between = prev_word == "between"
    cur_k, k2 = currency_before(tokens, k + 1) if k + 1 < len(tokens) else (None, k)
    start_k = k + 1 if (cur_k and k2 == k) else k
    if k < len(tokens) and tokens[k].text in CURRENCY_SIGNS:
        start_k = k + 1
    second = core_at(tokens, start_k) if start_k < len(tokens) else None
    if second is None or not (second.numeric == core.numeric or sep != "-") or second.vague or second.fraction:
        return None
    if moves and sep == "to" and prev_word == "from" and _moved(tokens, lead.q_first - 1, core, second):
        return None  # "rose from 631 to 1,011", "revised down from 88 to 85": the old value, then the new
    if sep == "to" and lead.change and prev_word == "by" and second.value >= 3 * core.value:
        return None  # "rose by two to 294": the change, then the new level ("dropped by 1 to 1.5 degrees" is a range)
    if sep == "to" and not between and prev_word != "from":
        # "X to Y" is a range only when X carries no unit of its own or the same one as Y.
        u2 = unit_after(tokens, second.end, tokens[second.end - 1], lead.currency)
        if (unit != "count" and u2[0] != unit) or second.value <= core.value and not core.scaled:
            return None
    if is_date_part(tokens, second):
        return None
    return second
