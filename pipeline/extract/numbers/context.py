"""What is written around a number: currency, qualifier, sign and change before it; unit, currency and change after."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.numbers.lexicon import (
    AMBIGUOUS_CHANGE,
    AREA,
    CONNECT_BEFORE,
    CURRENCY_ADJ,
    CURRENCY_CODES,
    CURRENCY_PREFIX_WORDS,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    DISTANCE,
    DOLLAR_PREFIX,
    DOWN,
    DURATION,
    PHRASAL_DOWN,
    PHRASAL_UP,
    QUALIFIERS,
    UP,
)
from pipeline.extract.numbers.quantity import Direction, Qualifier, QuantityKind, Unit
from pipeline.extract.numbers.tokens import Core, Tok, adjacent, letter_follows


def currency_before(tokens: list[Tok], i: int) -> tuple[str | None, int]:
    """Currency written before token i ($, US$, US $, £, Rs, USD): (ISO code, index of its first token)."""
    if i == 0:
        return None, i
    prev = tokens[i - 1]
    if prev.text in CURRENCY_SIGNS:
        code = CURRENCY_SIGNS[prev.text]
        first = i - 1
        if (
            prev.text == "$"
            and i >= 2
            and tokens[i - 2].low in DOLLAR_PREFIX
            and (adjacent(tokens[i - 2], prev) or tokens[i - 2].text in ("US", "A", "C", "HK", "NZ"))
        ):
            if tokens[i - 2].text.isupper():
                code = DOLLAR_PREFIX[tokens[i - 2].low]
                first = i - 2
        return code, first
    if (
        prev.text in ("US", "A", "AU", "C", "NZ", "HK", "S")
        and i >= 2
        and tokens[i - 2].text == "$"
        and adjacent(tokens[i - 2], prev)
    ):
        return DOLLAR_PREFIX[prev.low], i - 2
    if (
        prev.low in CURRENCY_PREFIX_WORDS
        and prev.text[0].isupper()
        and (adjacent(prev, tokens[i]) or prev.text == "Rs")
    ):
        return CURRENCY_PREFIX_WORDS[prev.low], i - 1
    if prev.low in CURRENCY_CODES and prev.text.isupper():
        return prev.low.upper(), i - 1
    return None, i


def unit_after(
    tokens: list[Tok], j: int, core_end_tok: Tok, currency: str | None
) -> tuple[Unit, str | None, str | None, int, QuantityKind | None]:
    """The unit written after the number, from token j: (unit, currency, unit_text, next index, kind)."""
    if j >= len(tokens):
        return ("currency" if currency else "count"), currency, None, j, None
    t = tokens[j]
    w = t.low
    glued = adjacent(core_end_tok, t)
    nxt = tokens[j + 1].low if j + 1 < len(tokens) else ""
    if w == "%":
        return "percent", None, "%", j + 1, None
    if w in ("percent", "pct") or (w == "per" and nxt == "cent"):
        end = j + 2 if w == "per" else j + 1
        return "percent", None, "per cent" if w == "per" else w, end, None
    if w == "percentage" and nxt in ("points", "point"):
        return "percent", None, "percentage points", j + 2, None
    if currency is not None:
        # "$1.5bn" consumed the scale already; "$5m" is money, not metres.
        if w == "m" and glued:
            return "currency", currency, None, j + 1, "amount"
        return "currency", currency, None, j, None
    if w == "°" or w == "º":
        k = j + 1
        if k < len(tokens) and tokens[k].low in ("c", "f") and not letter_follows(tokens, k):
            return "temperature", None, "°" + tokens[k].text.upper(), k + 1, None
        return "other", None, "degrees", k, None
    if w in ("c", "f") and t.text.isupper() and glued and not letter_follows(tokens, j):
        return "temperature", None, t.text, j + 1, None
    if w in ("degrees", "degree"):
        if nxt in ("celsius", "centigrade", "c"):
            return "temperature", None, "°C", j + 2, None
        if nxt in ("fahrenheit", "f"):
            return "temperature", None, "°F", j + 2, None
        return "other", None, "degrees", j + 1, None
    if w in ("celsius", "fahrenheit"):
        return "temperature", None, "°C" if w == "celsius" else "°F", j + 1, None
    if w in CURRENCY_CODES and t.text.isupper():
        return "currency", w.upper(), None, j + 1, None
    if w in CURRENCY_ADJ and nxt in CURRENCY_WORDS and tokens[j].text[0].isupper():
        code = CURRENCY_ADJ[w]
        if nxt in ("crowns", "kroner", "krona", "kronor"):
            code = {"danish": "DKK", "swedish": "SEK", "norwegian": "NOK"}.get(w, code)
        return "currency", code, None, j + 2, None
    if w == "hong" and nxt == "kong":
        return "currency", "HKD", None, j + 3, None
    if w in CURRENCY_WORDS and (w != "p" or glued):
        if w in ("pound", "pounds") and nxt in ("of",):
            return "other", None, "pounds", j + 1, None
        return "currency", CURRENCY_WORDS[w], None, j + 1, None
    if w in ("square", "sq") and nxt in (
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "mi",
        "m",
        "feet",
    ):
        return "area", None, f"square {tokens[j + 1].text}", j + 2, None
    if w in AREA:
        return "area", None, AREA[w], j + 1, None
    if w in DISTANCE and w not in ("in", "nautical") and (w != "m" or glued):
        return "distance", None, DISTANCE[w], j + 1, None
    if w == "nautical" and nxt in ("miles", "mile"):
        return "distance", None, "nautical miles", j + 2, None
    if w in DURATION:
        if nxt in ("old",) or (nxt == "-" and j + 2 < len(tokens) and tokens[j + 2].low == "old"):
            end = j + 2 if nxt == "old" else j + 3
            return "other", None, "years old", end, "age"
        return "other", None, w, j + 1, "duration"
    if glued and t.text[0].isalpha():
        return "other", None, t.text, j + 1, None
    return "count", None, None, j, None


def qualifier_before(tokens: list[Tok], i: int) -> tuple[Qualifier, int]:
    """The qualifier written before token i ("about", "more than", "up to"): (qualifier, index of its first token)."""
    words = [t.low for t in tokens[max(0, i - 4) : i]]
    for phrase, qualifier in QUALIFIERS:
        n = len(phrase)
        if n <= len(words) and tuple(words[len(words) - n :]) == phrase:
            if phrase == ("up", "to") and i - n >= 1 and tokens[i - n - 1].low in _GONE_UP:
                return "exact", i  # "the toll goes up to 359": where it went, not a ceiling
            return qualifier, i - n
    return "exact", i


# Verbs of movement before "up to": the value is where the figure went ("went up to 359"), not "at most".
_GONE_UP = frozenset(
    "go goes went gone going rise rises rose risen rising climb climbs climbed climbing jump jumps jumped "
    "shoot shoots shot move moves moved".split()
)


def change_before(tokens: list[Tok], i: int) -> Direction | None:
    """The change a verb or word before token i states: "rose 3%", "down 5%", "grow sales by 35 per cent"."""
    if (
        i >= 3
        and tokens[i - 1].low == "by"
        and tokens[i - 2].text.isalpha()
        and tokens[i - 2].low not in UP | DOWN
        and tokens[i - 3].low not in AMBIGUOUS_CHANGE
    ):
        w = tokens[i - 3].low  # "grow sales by 35 per cent"
        return "up" if w in UP else "down" if w in DOWN else None
    j = i - 1
    skipped = 0
    while j >= 0 and tokens[j].low in CONNECT_BEFORE and skipped < 2:
        j -= 1
        skipped += 1
    if j < 0:
        return None
    w = tokens[j].low
    if w == "up" and j >= 1 and tokens[j - 1].low in PHRASAL_UP:
        return None
    if w == "down" and j >= 1 and tokens[j - 1].low in PHRASAL_DOWN:
        return None
    if w == "by" and j >= 2 and tokens[j - 1].text.isalpha() and tokens[j - 1].low not in UP | DOWN:
        w = tokens[j - 2].low  # "grow sales by 35 per cent"
        if w in AMBIGUOUS_CHANGE:
            return None
    if w in UP:
        return "up"
    if w in DOWN:
        return "down"
    return None


@dataclass(frozen=True)
class Lead:
    """What is written before a number: currency, qualifier, change and sign, and the tokens where they start."""

    currency: str | None
    cur_first: int  # the currency's first token; the number's own when there is no currency
    qualifier: Qualifier
    q_first: int  # the first token of the qualifier, currency or sign: where the quantity's span starts
    change: Direction | None
    negative: bool


def lead_before(tokens: list[Tok], i: int, core: Core) -> Lead:
    """Currency, qualifier, change and a minus sign written before the number at token i."""
    tok = tokens[i]
    currency, cur_first = currency_before(tokens, i)
    qualifier, q_first = qualifier_before(tokens, cur_first)
    if cur_first >= 2 and tokens[cur_first - 1].text == "-" and tokens[cur_first - 2].low == "sub":
        qualifier, q_first = "less_than", cur_first - 2  # "sub-300 sq m"
    change = change_before(tokens, q_first)
    negative = False
    if (
        i >= 1
        and tokens[i - 1].text in ("-", "−", "–")
        and adjacent(tokens[i - 1], tok)
        and core.numeric
        and currency is None
    ):
        if i == 1 or not adjacent(tokens[i - 2], tokens[i - 1]):
            negative = True
            q_first = min(q_first, i - 1)
            qualifier2, q_first2 = qualifier_before(tokens, i - 1)
            if qualifier == "exact":
                qualifier, q_first = qualifier2, min(q_first, q_first2)
            change = change or change_before(tokens, q_first)
    if (
        i >= 1
        and tokens[i - 1].low == "minus"
        or (i >= 2 and tokens[i - 1].text == "-" and tokens[i - 2].low == "minus")
    ):
        negative = True
        q_first = min(q_first, i - 1 if tokens[i - 1].low == "minus" else i - 2)
        qualifier, q_first = qualifier_before(tokens, q_first) if qualifier == "exact" else (qualifier, q_first)
    return Lead(currency, cur_first, qualifier, q_first, change, negative)


def settle_change(tokens: list[Tok], i: int, lead: Lead, unit: Unit, after_unit: int) -> Direction | None:
    """The change once the unit is known: "-0.6%" is a fall; "lost 55,000 soldiers" is no change."""
    change = lead.change
    q_first = lead.q_first
    if lead.negative and unit == "percent" and tokens[i - 1].text != "minus" and change is None:
        change = "down"  # "FTSE -0.6%"
    if change is not None and change in ("up", "down"):
        w = tokens[q_first - 1].low if q_first >= 1 else ""
        k = q_first - 1
        while k >= 0 and tokens[k].low in CONNECT_BEFORE:
            k -= 1
        verb = tokens[k].low if k >= 0 else w
        points = after_unit < len(tokens) and tokens[after_unit].low in (
            "points",
            "point",
            "pts",
            "basis",
            "sen",
            "cents",
        )
        if verb in AMBIGUOUS_CHANGE and unit == "count" and not points:
            change = None
    return change


def relative_change(tokens: list[Tok], after_unit: int, core: Core, unit: Unit) -> Direction | None:
    """ "a third more than", "20% higher than": a change relative to something else, read after the unit."""
    if after_unit + 1 < len(tokens) and tokens[after_unit + 1].low == "than" and (core.fraction or unit == "percent"):
        if tokens[after_unit].low in ("more", "higher", "greater", "larger", "bigger"):
            return "up"
        if tokens[after_unit].low in ("less", "fewer", "lower", "smaller"):
            return "down"
    return None
