"""Numbers as written in news: find every quantity in a text, with value, qualifier, unit and change.

Pure and regex/token based (no spaCy), so it runs over whole articles cheaply and tells the extract
stage which sentences are worth parsing. It reads "55,000", "1.1 million", "two", "a dozen",
"nearly 400,000", "between 10 and 20", "20 per cent", "-20C", "$1.5bn", "thousands" (vague) and
"rose 3%" (a change), and drops what is not a quantity: years, dates, times of day, ordinals,
phone numbers and numbers that are part of a name ("France 2", "World War Two", "F-16").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from pipeline.extract.timex import MONTHS as _MONTHS
from pipeline.extract.timex import SMALL_NUMBERS
from pipeline.extract.timex import WEEKDAYS as _WEEKDAYS

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


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


_TOKEN = re.compile(r"(?<![\w.])\.\d+|\d+(?:[.,:]\d+)*|[^\W\d_]+|\S", re.UNICODE)
# ISO timestamps, clock times and numbered web furniture are never quantities.
_BLOCK = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\b")
# Words before a number that make it a label, not an amount: "category 4", "level 3", "row 21".
_LABEL_NOUNS = {
    "category",
    "level",
    "phase",
    "grade",
    "number",
    "section",
    "row",
    "room",
    "route",
    "chapter",
    "article",
    "gate",
    "platform",
    "flight",
    "episode",
    "round",
    "stage",
    "version",
    "tier",
    "series",
    "unit",
    "no",
    "nos",
    "page",
    "paragraph",
    "clause",
    "line",
    "lane",
    "pier",
    "terminal",
    "block",
}

_ONES = SMALL_NUMBERS
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALE_WORDS = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
# Abbreviated scales written right after the digits ($1.5bn, 25k, £3m) or after a space (1.2 mln).
_SCALE_ABBR = {"k": 1e3, "mn": 1e6, "mln": 1e6, "m": 1e6, "bn": 1e9, "bln": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
_FRACTIONS = {
    "half": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
    "fifth": 0.2,
    "fifths": 0.2,
}
# Vague amounts: the order of magnitude they name.
_VAGUE = {
    "dozens": (12.0, 120.0),
    "scores": (20.0, 200.0),
    "hundreds": (100.0, 1e3),
    "thousands": (1e3, 1e4),
    "millions": (1e6, 1e7),
    "billions": (1e9, 1e10),
    "trillions": (1e12, 1e13),
}


# Qualifiers as written before a number, longest first within each.
_QUALIFIERS: list[tuple[tuple[str, ...], Qualifier]] = sorted(
    [
        (("about",), "approx"),
        (("around",), "approx"),
        (("approximately",), "approx"),
        (("roughly",), "approx"),
        (("nearly",), "approx"),
        (("almost",), "approx"),
        (("some",), "approx"),
        (("estimated",), "approx"),
        (("an", "estimated"), "approx"),
        (("close", "to"), "approx"),
        (("circa",), "approx"),
        (("~",), "approx"),
        (("approx", "."), "approx"),
        (("just", "about"), "approx"),
        (("almost", "exactly"), "approx"),
        (("averaged",), "approx"),
        (("averaging",), "approx"),
        (("barely",), "approx"),
        (("lower", "than"), "less_than"),
        (("higher", "than"), "more_than"),
        (("at", "least"), "at_least"),
        (("no", "fewer", "than"), "at_least"),
        (("no", "less", "than"), "at_least"),
        (("a", "minimum", "of"), "at_least"),
        (("more", "than"), "more_than"),
        (("over",), "more_than"),
        (("above",), "more_than"),
        (("exceeding",), "more_than"),
        (("upwards", "of"), "more_than"),
        (("in", "excess", "of"), "more_than"),
        (("greater", "than"), "more_than"),
        (("just", "over"), "more_than"),
        (("well", "over"), "more_than"),
        (("over", "than"), "more_than"),
        (("well", "above"), "more_than"),
        (("up", "to"), "at_most"),
        (("at", "most"), "at_most"),
        (("no", "more", "than"), "at_most"),
        (("a", "maximum", "of"), "at_most"),
        (("less", "than"), "less_than"),
        (("fewer", "than"), "less_than"),
        (("under",), "less_than"),
        (("below",), "less_than"),
        (("just", "under"), "less_than"),
        (("just", "below"), "less_than"),
        (("nearly", "all"), "approx"),
    ],
    key=lambda item: -len(item[0]),
)
_UP = {
    "rose",
    "rise",
    "rises",
    "rising",
    "risen",
    "up",
    "increased",
    "increase",
    "increases",
    "increasing",
    "grew",
    "grow",
    "grows",
    "growing",
    "grown",
    "jumped",
    "jump",
    "jumps",
    "climbed",
    "climb",
    "climbs",
    "surged",
    "surge",
    "surges",
    "soared",
    "soar",
    "soars",
    "advanced",
    "advances",
    "rallied",
    "higher",
    "boosted",
    "spiked",
    "gained",
    "gain",
    "gains",
    "added",
    "adds",
    "adding",
    "widened",
    "soaring",
    "surging",
    "jumping",
    "climbing",
    "gaining",
    "advancing",
    "rallying",
    "upward",
    "upwards",
    "+",
}
_DOWN = {
    "fell",
    "fall",
    "falls",
    "falling",
    "fallen",
    "dropped",
    "drop",
    "drops",
    "declined",
    "decline",
    "declines",
    "decreased",
    "decrease",
    "decreases",
    "slid",
    "slide",
    "slides",
    "slipped",
    "slip",
    "plunged",
    "plunge",
    "plummeted",
    "tumbled",
    "tumble",
    "sank",
    "sink",
    "dipped",
    "dip",
    "down",
    "lower",
    "eased",
    "retreated",
    "slumped",
    "shrank",
    "shrunk",
    "contracted",
    "lost",
    "lose",
    "loses",
    "losing",
    "shed",
    "sheds",
    "cut",
    "cuts",
    "narrowed",
    "lowered",
    "plummeting",
    "plunging",
    "tumbling",
    "sliding",
    "slipping",
    "dropping",
    "declining",
    "decreasing",
    "sinking",
    "dipping",
    "easing",
    "shedding",
    "slumping",
    "downward",
    "downwards",
}
# "gave up 517 yards", "picked up 3 wins": a phrasal verb, not a change.
_PHRASAL_UP = {
    "gave",
    "give",
    "gives",
    "giving",
    "given",
    "picked",
    "pick",
    "made",
    "make",
    "makes",
    "took",
    "take",
    "takes",
    "put",
    "puts",
    "set",
    "sets",
    "signed",
    "sign",
    "shut",
    "sum",
    "summed",
    "ended",
    "end",
    "showed",
    "show",
    "shows",
    "turned",
    "turn",
    "broke",
    "break",
    "came",
    "come",
    "comes",
    "went",
    "go",
}
# "shut down 3 plants", "broke down 5 ways": a phrasal verb, not a fall ("ended down 1%" is one).
_PHRASAL_DOWN = {
    "shut",
    "shuts",
    "broke",
    "break",
    "breaks",
    "turned",
    "turn",
    "sat",
    "set",
    "put",
    "puts",
    "step",
    "stepped",
    "wrote",
    "write",
    "cut",
    "narrowed",
    "slowed",
    "calmed",
    "handed",
    "played",
}
# Verbs that also take a plain count as object ("lost 55,000 soldiers", "cut 1,200 jobs", "added 200 staff"):
# a change only when what moved is a rate, an amount of money or index points.
_AMBIGUOUS_CHANGE = {
    "gained",
    "gain",
    "gains",
    "added",
    "adds",
    "adding",
    "lost",
    "lose",
    "loses",
    "losing",
    "shed",
    "sheds",
    "cut",
    "cuts",
    "lowered",
    "boosted",
}

_CURRENCY_SIGNS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₴": "UAH", "₽": "RUB", "₩": "KRW"}
_DOLLAR_PREFIX = {"us": "USD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD", "hk": "HKD", "nz": "NZD", "s": "SGD"}
_CURRENCY_CODES = {
    "usd",
    "eur",
    "gbp",
    "jpy",
    "cny",
    "rmb",
    "inr",
    "uah",
    "rub",
    "chf",
    "cad",
    "aud",
    "hkd",
    "sek",
    "nok",
    "dkk",
    "pln",
    "try",
    "zar",
    "brl",
    "mxn",
    "krw",
    "sgd",
    "nzd",
    "aed",
    "sar",
    "ils",
}
# "PS" is how "£" comes out of feeds transcoded to ASCII ("PS2.7m"); it counts only glued to the digits.
_CURRENCY_PREFIX_WORDS = {"rs": "INR", "rm": "MYR", "rp": "IDR", "ps": "GBP"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "pence": "GBP",
    "p": "GBP",
    "cents": "USD",
    "cent": "USD",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "rupee": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "ruble": "RUB",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "hryvnia's": "UAH",
    "francs": "CHF",
    "franc": "CHF",
    "crowns": "SEK",
    "kroner": "NOK",
    "krona": "SEK",
    "kronor": "SEK",
    "ringgit": "MYR",
    "lira": "TRY",
    "rand": "ZAR",
    "pesos": "MXN",
    "dirhams": "AED",
    "riyals": "SAR",
    "shekels": "ILS",
    "zloty": "PLN",
    "reais": "BRL",
}
_CURRENCY_ADJ = {
    "australian": "AUD",
    "canadian": "CAD",
    "hong": "HKD",
    "new": "NZD",
    "singapore": "SGD",
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "danish": "DKK",
    "swedish": "SEK",
    "norwegian": "NOK",
    "chinese": "CNY",
    "swiss": "CHF",
    "mexican": "MXN",
    "indian": "INR",
    "taiwan": "TWD",
}
_DISTANCE = {
    "km": "km",
    "kms": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "miles": "miles",
    "mile": "miles",
    "mi": "miles",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "m": "m",
    "feet": "feet",
    "foot": "feet",
    "ft": "feet",
    "yards": "yards",
    "yard": "yards",
    "mm": "mm",
    "cm": "cm",
    "inches": "inches",
    "inch": "inches",
    "in": "inches",
    "nautical": "nautical miles",
}
_AREA = {
    "hectares": "hectares",
    "hectare": "hectares",
    "ha": "hectares",
    "acres": "acres",
    "acre": "acres",
    "km2": "km2",
    "km²": "km2",
    "sqkm": "km2",
}
_DURATION = {
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "decade",
    "decades",
    "century",
    "centuries",
    "min",
    "mins",
    "hrs",
    "yrs",
}
_TIME_SUFFIX = {"am", "pm", "gmt", "bst", "utc", "cet", "est", "edt", "pst", "et", "hrs", "o'clock"}
_ORDINAL_SUFFIX = {"st", "nd", "rd", "th"}
_PERCENT_WORDS = {"percent", "pct", "percentage", "per"}
_CONNECT_BEFORE = {"by", "a", "further", "another", "an", "additional"}
# Function words after a four-digit number that show it is a year ("in 2018 to", "2016 after").
_PLURAL_NOT_NOUN = {"is", "was", "has", "as", "this", "its", "his", "plus", "us", "thus", "yes", "less", "unless"}
_YEAR_PREPOSITIONS = {
    "in",
    "since",
    "of",
    "until",
    "till",
    "by",
    "during",
    "from",
    "before",
    "after",
    "year",
    "early",
    "late",
    "mid",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    "through",
    "between",
    "to",
}
_NOT_ONE_BEFORE = {
    "same",
    "no",
    "the",
    "this",
    "that",
    "which",
    "every",
    "any",
    "each",
    "anyone",
    "someone",
    "a",
    "only",
}
_NOT_ONE_AFTER = {"another", "'s", "’s", "day", "thing", "way", "hand"}


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity written in text, in order (years, dates, times, ordinals and names dropped)."""
    tokens = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    blocked = _phone_spans(text) + [(m.start(), m.end()) for m in _BLOCK.finditer(text)]
    found: list[Quantity] = []
    previous: Quantity | None = None
    i = 0
    while i < len(tokens):
        if any(s <= tokens[i].start < e for s, e in blocked):
            i += 1
            continue
        result = _read_at(text, tokens, i)
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


def _phone_spans(text: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,5}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}\b")
    return [
        (m.start(), m.end())
        for m in pattern.finditer(text)
        if sum(c.isdigit() for c in m.group()) >= 9
        and ("+" in m.group() or "(" in m.group() or "," not in m.group())
        and not re.search(r"\d,\d{3}", m.group())
    ]


@dataclass(frozen=True)
class _Core:
    value: float
    start: int  # token index
    end: int  # token index, exclusive
    numeric: bool
    scaled: bool
    vague: tuple[float, float] | None = None
    fraction: bool = False


def _adjacent(a: _Tok, b: _Tok) -> bool:
    return a.end == b.start


def _parse_digits(raw: str) -> float | None:
    if ":" in raw:
        return None
    if "," in raw:
        parts = raw.split(",")
        if all(len(p) == 3 for p in parts[1:]) and "." not in parts[0]:
            raw = raw.replace(",", "")
        elif len(parts) == 2 and len(parts[1]) in (1, 2) and "." not in raw:
            # A decimal comma as in "1,5" is rare in English copy; read it as a list instead.
            return None
        else:
            raw = raw.replace(",", "")
    if raw.count(".") > 1:
        return None
    try:
        return float(raw)
    except ValueError:
        return None


def _word_number(tokens: list[_Tok], i: int) -> _Core | None:
    """Number words from token i: "two", "twenty-five", "one hundred and twenty", "a dozen", "two-thirds"."""
    w = tokens[i].low
    if w == "a" and i + 1 < len(tokens):
        nxt = tokens[i + 1].low
        if nxt == "dozen":
            return _Core(12.0, i, i + 2, False, False)
        if nxt in ("hundred", "thousand", "million", "billion"):
            core = _word_number(tokens, i + 1)
            return replace(core, start=i) if core else None
        if (
            nxt in ("third", "quarter", "fifth", "half")
            and i + 2 < len(tokens)
            and tokens[i + 2].low in ("of", "more", "less", "fewer", "higher", "lower", "bigger", "smaller")
        ):
            return _Core(_FRACTIONS[nxt], i, i + 2, False, False, fraction=True)
        return None
    if w == "half" and i + 1 < len(tokens):
        nxt = tokens[i + 1].low
        if nxt == "a" and i + 2 < len(tokens) and tokens[i + 2].low in ("million", "billion", "dozen"):
            scale = 12.0 if tokens[i + 2].low == "dozen" else _SCALE_WORDS[tokens[i + 2].low]
            return _Core(0.5 * scale, i, i + 3, False, True)
        if nxt == "of":
            return _Core(0.5, i, i + 1, False, False, fraction=True)
        return None
    if w in _VAGUE:
        low, high = _VAGUE[w]
        return _Core(low, i, i + 1, False, False, vague=(low, high))
    if w in ("tens", "hundreds") and i + 2 < len(tokens) and tokens[i + 1].low == "of" and tokens[i + 2].low in _VAGUE:
        mult = 10.0 if w == "tens" else 100.0
        low, _ = _VAGUE[tokens[i + 2].low]
        return _Core(low * mult, i, i + 3, False, False, vague=(low * mult, low * mult * 10))
    if w not in _ONES and w not in _TENS and w != "dozen":
        return None
    total = 0.0
    current = 0.0
    j = i
    last = i
    seen_any = False
    while j < len(tokens):
        t = tokens[j].low
        if t in _ONES and (current % 10 == 0 or current >= 100 or not seen_any):
            if seen_any and current % 100 != 0 and current % 10 != 0:
                break
            if seen_any and current and current % 100 == 0 and False:
                break
            current += _ONES[t]
        elif t in _TENS and current % 100 == 0:
            current += _TENS[t]
        elif t == "dozen" and seen_any:
            current *= 12
        elif t == "hundred" and seen_any:
            current = (current or 1) * 100
        elif t in ("thousand", "million", "billion", "trillion") and seen_any:
            total += (current or 1) * _SCALE_WORDS[t]
            current = 0.0
        elif t in ("thirds", "quarters", "fifths") and seen_any and tokens[j - 1].low == "-":
            return _Core(current * _FRACTIONS[t], i, j + 1, False, False, fraction=True)
        elif (
            t == "-"
            and seen_any
            and j + 1 < len(tokens)
            and _adjacent(tokens[j - 1], tokens[j])
            and (tokens[j + 1].low in _ONES or tokens[j + 1].low in ("thirds", "quarters", "fifths"))
            or t == "and"
            and seen_any
            and current >= 100
            and j + 1 < len(tokens)
            and (tokens[j + 1].low in _ONES or tokens[j + 1].low in _TENS)
        ):
            j += 1
            continue
        else:
            break
        seen_any = True
        last = j
        j += 1
    if not seen_any:
        return None
    value = total + current
    if tokens[i].low == "dozen":
        return None
    return _Core(value, i, last + 1, False, any(tokens[k].low in _SCALE_WORDS for k in range(i, last + 1)))


def _core_at(tokens: list[_Tok], i: int) -> _Core | None:
    """A number (digits plus scale, or words) starting at token i."""
    tok = tokens[i]
    if tok.text[0].isdigit() or (tok.text[0] == "." and len(tok.text) > 1):
        value = _parse_digits(tok.text)
        if value is None:
            return None
        j = i + 1
        scaled = False
        if j < len(tokens):
            nxt = tokens[j].low
            if nxt in _SCALE_WORDS and nxt not in ("lakh", "crore") or nxt in ("lakh", "crore"):
                value *= _SCALE_WORDS[nxt]
                j += 1
                scaled = True
            elif nxt in ("mn", "mln", "bn", "bln", "tn", "trn"):
                value *= _SCALE_ABBR[nxt]
                j += 1
                scaled = True
            elif (
                nxt in ("k", "b", "m", "mil")
                and _adjacent(tok, tokens[j])
                and not _letter_follows(tokens, j)
                and (tokens[j].text != "m" or not _metres_context(tokens, j))
            ):
                value *= _SCALE_ABBR.get(nxt, 1e6)
                j += 1
                scaled = True
        return _Core(value, i, j, True, scaled)
    return _word_number(tokens, i)


_COUNTED_AFTER_MILLION = {
    "tonnes",
    "tons",
    "barrels",
    "people",
    "users",
    "passengers",
    "customers",
    "shares",
    "visitors",
    "jobs",
    "homes",
    "households",
    "subscribers",
    "viewers",
    "votes",
    "voters",
    "doses",
    "vehicles",
    "cars",
    "units",
    "acres",
    "hectares",
    "euros",
    "dollars",
    "pounds",
}


def _metres_context(tokens: list[_Tok], j: int) -> bool:
    """ "100m sprint", "14m high", "5m-long": a lower-case m after digits that means metres, not million."""
    k = j + 1
    if k < len(tokens) and tokens[k].low in _COUNTED_AFTER_MILLION:
        return False  # "the 12.3m tonnes of jet fuel"
    if k < len(tokens) and tokens[k].text == "-" and _adjacent(tokens[j], tokens[k]):
        return True
    if k < len(tokens) and tokens[k].low in (
        "high",
        "long",
        "deep",
        "wide",
        "tall",
        "away",
        "above",
        "below",
        "sprint",
        "race",
        "hurdles",
        "freestyle",
        "backstroke",
        "from",
        "thick",
        "across",
        "underground",
        "in",
    ):
        return True
    if j >= 2 and tokens[j - 2].low in ("the",):
        return True
    return False


def _letter_follows(tokens: list[_Tok], j: int) -> bool:
    return j + 1 < len(tokens) and _adjacent(tokens[j], tokens[j + 1]) and tokens[j + 1].text[0].isalnum()


def _currency_before(tokens: list[_Tok], i: int) -> tuple[str | None, int]:
    """Currency written before token i ($, US$, US $, £, Rs, USD): (ISO code, index of its first token)."""
    if i == 0:
        return None, i
    prev = tokens[i - 1]
    if prev.text in _CURRENCY_SIGNS:
        code = _CURRENCY_SIGNS[prev.text]
        first = i - 1
        if (
            prev.text == "$"
            and i >= 2
            and tokens[i - 2].low in _DOLLAR_PREFIX
            and (_adjacent(tokens[i - 2], prev) or tokens[i - 2].text in ("US", "A", "C", "HK", "NZ"))
        ):
            if tokens[i - 2].text.isupper():
                code = _DOLLAR_PREFIX[tokens[i - 2].low]
                first = i - 2
        return code, first
    if (
        prev.text in ("US", "A", "AU", "C", "NZ", "HK", "S")
        and i >= 2
        and tokens[i - 2].text == "$"
        and _adjacent(tokens[i - 2], prev)
    ):
        return _DOLLAR_PREFIX[prev.low], i - 2
    if (
        prev.low in _CURRENCY_PREFIX_WORDS
        and prev.text[0].isupper()
        and (_adjacent(prev, tokens[i]) or prev.text == "Rs")
    ):
        return _CURRENCY_PREFIX_WORDS[prev.low], i - 1
    if prev.low in _CURRENCY_CODES and prev.text.isupper():
        return prev.low.upper(), i - 1
    return None, i


def _unit_after(
    tokens: list[_Tok], j: int, core_end_tok: _Tok, currency: str | None
) -> tuple[Unit, str | None, str | None, int, QuantityKind | None]:
    """The unit written after the number, from token j: (unit, currency, unit_text, next index, kind)."""
    if j >= len(tokens):
        return ("currency" if currency else "count"), currency, None, j, None
    t = tokens[j]
    w = t.low
    adjacent = _adjacent(core_end_tok, t)
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
        if w == "m" and adjacent:
            return "currency", currency, None, j + 1, "amount"
        return "currency", currency, None, j, None
    if w == "°" or w == "º":
        k = j + 1
        if k < len(tokens) and tokens[k].low in ("c", "f") and not _letter_follows(tokens, k):
            return "temperature", None, "°" + tokens[k].text.upper(), k + 1, None
        return "other", None, "degrees", k, None
    if w in ("c", "f") and t.text.isupper() and adjacent and not _letter_follows(tokens, j):
        return "temperature", None, t.text, j + 1, None
    if w in ("degrees", "degree"):
        if nxt in ("celsius", "centigrade", "c"):
            return "temperature", None, "°C", j + 2, None
        if nxt in ("fahrenheit", "f"):
            return "temperature", None, "°F", j + 2, None
        return "other", None, "degrees", j + 1, None
    if w in ("celsius", "fahrenheit"):
        return "temperature", None, "°C" if w == "celsius" else "°F", j + 1, None
    if w in _CURRENCY_CODES and t.text.isupper():
        return "currency", w.upper(), None, j + 1, None
    if w in _CURRENCY_ADJ and nxt in _CURRENCY_WORDS and tokens[j].text[0].isupper():
        code = _CURRENCY_ADJ[w]
        if nxt in ("crowns", "kroner", "krona", "kronor"):
            code = {"danish": "DKK", "swedish": "SEK", "norwegian": "NOK"}.get(w, code)
        return "currency", code, None, j + 2, None
    if w == "hong" and nxt == "kong":
        return "currency", "HKD", None, j + 3, None
    if w in _CURRENCY_WORDS and (w != "p" or adjacent):
        if w in ("pound", "pounds") and nxt in ("of",):
            return "other", None, "pounds", j + 1, None
        return "currency", _CURRENCY_WORDS[w], None, j + 1, None
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
    if w in _AREA:
        return "area", None, _AREA[w], j + 1, None
    if w in _DISTANCE and w not in ("in", "nautical") and (w != "m" or adjacent):
        return "distance", None, _DISTANCE[w], j + 1, None
    if w == "nautical" and nxt in ("miles", "mile"):
        return "distance", None, "nautical miles", j + 2, None
    if w in _DURATION:
        if nxt in ("old",) or (nxt == "-" and j + 2 < len(tokens) and tokens[j + 2].low == "old"):
            end = j + 2 if nxt == "old" else j + 3
            return "other", None, "years old", end, "age"
        return "other", None, w, j + 1, "duration"
    if adjacent and t.text[0].isalpha():
        return "other", None, t.text, j + 1, None
    return "count", None, None, j, None


def _qualifier_before(tokens: list[_Tok], i: int) -> tuple[Qualifier, int]:
    words = [t.low for t in tokens[max(0, i - 4) : i]]
    for phrase, qualifier in _QUALIFIERS:
        n = len(phrase)
        if n <= len(words) and tuple(words[len(words) - n :]) == phrase:
            return qualifier, i - n
    return "exact", i


def _change_before(tokens: list[_Tok], i: int) -> Direction | None:
    if (
        i >= 3
        and tokens[i - 1].low == "by"
        and tokens[i - 2].text.isalpha()
        and tokens[i - 2].low not in _UP | _DOWN
        and tokens[i - 3].low not in _AMBIGUOUS_CHANGE
    ):
        w = tokens[i - 3].low  # "grow sales by 35 per cent"
        return "up" if w in _UP else "down" if w in _DOWN else None
    j = i - 1
    skipped = 0
    while j >= 0 and tokens[j].low in _CONNECT_BEFORE and skipped < 2:
        j -= 1
        skipped += 1
    if j < 0:
        return None
    w = tokens[j].low
    if w == "up" and j >= 1 and tokens[j - 1].low in _PHRASAL_UP:
        return None
    if w == "down" and j >= 1 and tokens[j - 1].low in _PHRASAL_DOWN:
        return None
    if w == "by" and j >= 2 and tokens[j - 1].text.isalpha() and tokens[j - 1].low not in _UP | _DOWN:
        w = tokens[j - 2].low  # "grow sales by 35 per cent"
        if w in _AMBIGUOUS_CHANGE:
            return None
    if w in _UP:
        return "up"
    if w in _DOWN:
        return "down"
    return None


_INDEX_NAMES = {
    "sp",
    "stoxx",
    "ftse",
    "nikkei",
    "asx",
    "russell",
    "hang",
    "kospi",
    "sensex",
    "nifty",
    "cac",
    "dax",
    "ibex",
    "msci",
}


def _is_age(text: str, tokens: list[_Tok], i: int) -> bool:
    """ "Jamie Armstrong, 25, said": a bare number set off by commas after a name is an age."""
    tok = tokens[i]
    if not tok.text.isdigit() or not 1 <= int(tok.text) <= 110 or i < 2 or i + 1 >= len(tokens):
        return False
    return (
        tokens[i - 1].text == ","
        and tokens[i + 1].text == ","
        and tokens[i - 2].text[:1].isupper()
        and tokens[i - 2].text.isalpha()
        and tokens[i - 2].low not in _MONTHS
        and tokens[i - 2].low not in _WEEKDAYS
    )


def _is_name_number(tokens: list[_Tok], i: int) -> bool:
    """A number that is part of a name: "France 2", "Section 427", "S23", "F-16", "World War Two"."""
    if i == 0:
        return False
    core = _core_at(tokens, i)
    if core is not None and (core.scaled or _has_unit(tokens, core)):
        return (
            _adjacent(tokens[i - 1], tokens[i])
            and tokens[i - 1].text[0].isalpha()
            and not (tokens[i - 1].low in _CURRENCY_CODES and tokens[i - 1].text.isupper())
            and tokens[i - 1].low not in _CURRENCY_PREFIX_WORDS
            and tokens[i - 1].low != "sub"
        )
    prev = tokens[i - 1]
    if prev.low in _CURRENCY_CODES and prev.text.isupper():
        return False
    if prev.text in ("US", "A", "AU", "C", "NZ", "HK", "S") and i >= 2 and tokens[i - 2].text == "$":
        return False
    if _adjacent(prev, tokens[i]) and prev.text[0].isalpha() and prev.low not in _CURRENCY_PREFIX_WORDS:
        return prev.low != "sub"
    if (
        prev.text == "."
        and _adjacent(prev, tokens[i])
        and i >= 2
        and _adjacent(tokens[i - 2], prev)
        and tokens[i - 2].text.isalpha()
    ):
        return True  # "ID.3"
    if prev.low in _LABEL_NOUNS and not (i >= 2 and tokens[i - 2].low in ("a", "an", "per", "each", "every")):
        return True
    if prev.text.isalpha() and any(c.isupper() for c in prev.text[1:]) and not prev.text.isupper():
        return True  # "iPhone 14", "PlayStation 5"
    if (
        prev.text in ("-", "–")
        and _adjacent(prev, tokens[i])
        and i >= 2
        and _adjacent(tokens[i - 2], prev)
        and tokens[i - 2].text[0].isalpha()
    ):
        return (
            tokens[i - 2].low not in _ONES
            and tokens[i - 2].low not in _TENS
            and tokens[i - 2].low not in ("sub", "minus")
        )
    if prev.text[0].isupper() and prev.text.isalpha() and prev.low not in _MONTHS and prev.low not in _WEEKDAYS:
        if prev.low in _CURRENCY_PREFIX_WORDS or prev.low in _CURRENCY_CODES or prev.low in _DOLLAR_PREFIX:
            return False
        if prev.low in {
            "about",
            "around",
            "some",
            "nearly",
            "almost",
            "over",
            "more",
            "up",
            "at",
            "roughly",
            "just",
            "only",
            "approximately",
            "fewer",
            "less",
            "under",
            "the",
            "and",
            "but",
            "between",
            "of",
            "by",
            "to",
            "with",
            "another",
            "all",
            "those",
            "these",
            "its",
            "their",
            "his",
            "her",
            "in",
            "on",
            "since",
            "as",
            "for",
            "from",
            "after",
            "before",
            "until",
            "a",
            "an",
            "while",
        }:
            return False
        # A capitalised word at a sentence start ("Some 300 ..." handled above) is not a name either.
        k = i - 2
        if k < 0 or tokens[k].text in (".", "!", "?", '"', "“", ":", "(", "—", "-", "\n"):
            return False
        return True
    if prev.text == "No" or (prev.text == "." and i >= 2 and tokens[i - 2].text in ("No", "no", "Nos")):
        return True
    if prev.low in _INDEX_NAMES or (prev.text == "P" and i >= 3 and tokens[i - 2].text == "&"):
        return True  # "the S&P 500", "Stoxx 50", "FTSE 100": an index's name
    if prev.text == "#":
        return True
    return False


def _has_unit(tokens: list[_Tok], core: _Core) -> bool:
    j = core.end
    if j >= len(tokens):
        return False
    t = tokens[j]
    if t.low in ("%", "percent", "pct", "per", "°") or t.low in _CURRENCY_WORDS and t.low != "p":
        return True
    return _adjacent(tokens[j - 1], t) and t.text[0].isalpha() and t.low not in _ORDINAL_SUFFIX and t.low != "s"


def _is_date_part(tokens: list[_Tok], core: _Core) -> bool:
    i, j = core.start, core.end
    if not core.numeric:
        return False
    value = core.value
    if i >= 1:
        prev = tokens[i - 1].low
        if prev in _MONTHS or (prev == "." and i >= 2 and tokens[i - 2].low in _MONTHS):
            return True
        if prev in _WEEKDAYS and value <= 31:
            return True
    if j < len(tokens) and value <= 31 and tokens[j].low in _MONTHS and tokens[j].text[0].isupper():
        return True
    if j < len(tokens) and tokens[j].low in ("st", "nd", "rd", "th") and j + 1 < len(tokens):
        return False
    return False


def _is_year(tokens: list[_Tok], core: _Core, qualifier: Qualifier, currency: str | None, unit: Unit) -> bool:
    if not core.numeric or core.scaled or currency or unit != "count" or qualifier != "exact":
        return False
    tok = tokens[core.start]
    if not re.fullmatch(r"\d{4}", tok.text) or not 1800 <= core.value <= 2200:
        return False
    j = core.end
    if j < len(tokens) and _adjacent(tokens[j - 1], tokens[j]) and tokens[j].low in ("s", "'s", "’s"):
        return True
    if j < len(tokens):
        nxt = tokens[j]
        if (
            nxt.text.isalpha()
            and nxt.text.islower()
            and nxt.text.endswith("s")
            and len(nxt.text) > 3
            and nxt.low not in _PLURAL_NOT_NOUN
        ):
            return False
    return True


def _read_at(text: str, tokens: list[_Tok], i: int) -> tuple[Quantity | None, int] | None:
    tok = tokens[i]
    core = _core_at(tokens, i)
    if core is None:
        return None
    # A number inside a token like "Covid-19" or "S23" or a time "10.45pm", "17:22".
    if core.numeric and (_is_name_number(tokens, i) or _is_age(text, tokens, i)):
        return None, core.end
    if not core.numeric and i > 0 and tokens[i - 1].text[:1].isupper() and tok.text[0].isupper() and not core.vague:
        # "World War Two", "Formula One", "Apollo Eleven": a capitalised number word inside a name.
        if not (i >= 2 and tokens[i - 2].text in (".", '"', "“")) and tokens[i - 1].low not in (
            "the",
            "some",
            "about",
            "over",
            "nearly",
            "almost",
            "around",
            "up",
            "at",
            "more",
        ):
            return None, core.end
    j = core.end
    if j < len(tokens) and _adjacent(tokens[j - 1], tokens[j]):
        suffix = tokens[j].low
        if suffix in _ORDINAL_SUFFIX:
            return None, j + 1
        if (
            suffix in _TIME_SUFFIX
            or suffix in ("a", "p")
            and j + 2 < len(tokens)
            and tokens[j + 1].text == "."
            and tokens[j + 2].low == "m"
        ):
            return None, j + 1
    if j < len(tokens) and tokens[j].low in ("am", "pm", "gmt", "bst", "utc", "cet", "o'clock") and core.numeric:
        return None, j + 1
    if (
        core.numeric
        and j + 1 < len(tokens)
        and tokens[j].low in ("a", "p")
        and tokens[j + 1].text == "."
        and j + 2 < len(tokens)
        and tokens[j + 2].low == "m"
    ):
        return None, j + 3
    if _is_date_part(tokens, core):
        # "Sept. 20-24": the second day of a date range is a date too.
        if j + 1 < len(tokens) and tokens[j].text in ("-", "–") and tokens[j + 1].text.isdigit():
            return None, j + 2
        return None, j
    if (
        core.numeric
        and j + 1 < len(tokens)
        and tokens[j].text in ("/", "⁄")
        and _adjacent(tokens[j - 1], tokens[j])
        and _adjacent(tokens[j], tokens[j + 1])
        and tokens[j + 1].text.isdigit()
        and tok.text.isdigit()
    ):
        denominator = float(tokens[j + 1].text)
        more_slash = j + 2 < len(tokens) and tokens[j + 2].text == "/"
        if 0 < core.value < denominator <= 1000 and not more_slash:
            return _fraction(text, tokens, i, j + 2, core.value / denominator), j + 2
        return None, j + 2
    if (
        not core.numeric
        and j + 1 < len(tokens)
        and tokens[j].text == "-"
        and _adjacent(tokens[j - 1], tokens[j])
        and tokens[j + 1].text.isalpha()
        and tokens[j + 1].low not in ("old", "thirds", "quarters", "fifths")
        and tokens[j + 1].low not in _ONES
        and tokens[j + 1].low not in _TENS
        and tokens[j + 1].low not in _DURATION
    ):
        return None, j + 2  # "three-bed", "six-speed", "four-cylinder": part of a compound adjective
    if (
        not core.numeric
        and i >= 2
        and tokens[i - 1].text == "-"
        and _adjacent(tokens[i - 1], tok)
        and _adjacent(tokens[i - 2], tokens[i - 1])
        and tokens[i - 2].text.isalpha()
    ):
        return None, j  # "production-four-door"
    # "one": skip pronoun uses ("no one", "one another", "the one").
    if tok.low == "one" and core.end == i + 1:
        if j < len(tokens) and tokens[j].text[0].isdigit():
            return None, j
        if (i > 0 and tokens[i - 1].low in _NOT_ONE_BEFORE) or (j < len(tokens) and tokens[j].low in _NOT_ONE_AFTER):
            return None, j
    if (
        tok.low == "one"
        and j < len(tokens)
        and tokens[j].low in ("-",)
        and j + 1 < len(tokens)
        and tokens[j + 1].low in ("off", "on", "time", "way")
    ):
        return None, j + 2
    # A compound adjective like "five-year plan" or "24-hour" names a length, not a quantity of anything.
    if (
        j + 1 < len(tokens)
        and tokens[j].text == "-"
        and _adjacent(tokens[j - 1], tokens[j])
        and tokens[j + 1].low
        in (
            "year",
            "month",
            "week",
            "day",
            "hour",
            "minute",
            "storey",
            "story",
            "point",
            "man",
            "member",
            "strong",
            "page",
        )
        and not (j + 3 < len(tokens) and tokens[j + 2].text == "-" and tokens[j + 3].low == "old")
    ):
        return None, j + 2

    currency, cur_first = _currency_before(tokens, i)
    qualifier, q_first = _qualifier_before(tokens, cur_first)
    if cur_first >= 2 and tokens[cur_first - 1].text == "-" and tokens[cur_first - 2].low == "sub":
        qualifier, q_first = "less_than", cur_first - 2  # "sub-300 sq m"
    change = _change_before(tokens, q_first)
    negative = False
    if (
        i >= 1
        and tokens[i - 1].text in ("-", "−", "–")
        and _adjacent(tokens[i - 1], tok)
        and core.numeric
        and currency is None
    ):
        if i == 1 or not _adjacent(tokens[i - 2], tokens[i - 1]):
            negative = True
            q_first = min(q_first, i - 1)
            qualifier2, q_first2 = _qualifier_before(tokens, i - 1)
            if qualifier == "exact":
                qualifier, q_first = qualifier2, min(q_first, q_first2)
            change = change or _change_before(tokens, q_first)
    if (
        i >= 1
        and tokens[i - 1].low == "minus"
        or (i >= 2 and tokens[i - 1].text == "-" and tokens[i - 2].low == "minus")
    ):
        negative = True
        q_first = min(q_first, i - 1 if tokens[i - 1].low == "minus" else i - 2)
        qualifier, q_first = _qualifier_before(tokens, q_first) if qualifier == "exact" else (qualifier, q_first)
    value = -core.value if negative else core.value
    hedge = qualifier

    if (
        core.numeric
        and re.fullmatch(r"\d{4}", tok.text)
        and 1000 <= core.value <= 2200
        and currency is None
        and qualifier == "exact"
        and i >= 1
        and tokens[i - 1].low in _YEAR_PREPOSITIONS
    ):
        return None, j
    if (
        core.numeric
        and re.fullmatch(r"\d{4}", tok.text)
        and 1800 <= core.value <= 2200
        and j < len(tokens)
        and _adjacent(tok, tokens[j])
        and tokens[j].low in ("s", "'s", "’s")
    ):
        return None, j + 1
    # A range: "10-20", "10 to 20", "between 10 and 20", "from 252 to 287 miles".
    low = high = None
    from_to = False
    range_end = j
    second: _Core | None = None
    unit, cur2, unit_text, after_unit, kind = _unit_after(tokens, j, tokens[j - 1], currency)
    sep_at = after_unit if unit != "count" and kind not in ("duration",) else j
    sep_at = j if j < len(tokens) and tokens[j].text in ("-", "–", "—") else sep_at
    if sep_at < len(tokens):
        sep = tokens[sep_at].low
        k = sep_at + 1
        between = q_first >= 1 and tokens[q_first - 1].low == "between"
        prev_word = tokens[q_first - 1].low if q_first >= 1 else ""
        if k < len(tokens) and (
            (
                sep in ("-", "–", "—")
                and _adjacent(tokens[sep_at - 1], tokens[sep_at])
                and _adjacent(tokens[sep_at], tokens[k])
            )
            or (sep in ("-", "–", "—") and tok.text[0].isdigit() and tokens[k].text[0].isdigit())
            or (sep == "to" and not (change and unit != "count"))
            or (sep == "and" and between)
            or (sep == "or" and not core.numeric)
        ):
            cur_k, k2 = _currency_before(tokens, k + 1) if k + 1 < len(tokens) else (None, k)
            start_k = k + 1 if (cur_k and k2 == k) else k
            if k < len(tokens) and tokens[k].text in _CURRENCY_SIGNS:
                start_k = k + 1
            second = _core_at(tokens, start_k) if start_k < len(tokens) else None
            if (
                second is not None
                and (second.numeric == core.numeric or sep != "-")
                and not second.vague
                and not second.fraction
            ):
                if sep_at + 1 < len(tokens) and tokens[sep_at + 1].low == "to" and False:
                    second = None
            else:
                second = None
            if second is not None and sep == "to" and not between and prev_word != "from":
                # "X to Y" is a range only when X carries no unit of its own or the same one as Y.
                u2 = _unit_after(tokens, second.end, tokens[second.end - 1], currency)
                if (unit != "count" and u2[0] != unit) or second.value <= core.value and not core.scaled:
                    second = None
            if second is not None and _is_date_part(tokens, second):
                second = None
            if second is not None:
                v1, v2 = value, second.value
                scale = _scale_of(tokens, second)
                if second.scaled and not core.scaled and v1 * scale <= v2:
                    # "between 10 and 20 million", "$1.5-2bn": the scale written once applies to both.
                    v1 *= scale
                if sep == "to" and prev_word == "from":
                    from_to = True
                low, high = min(v1, v2), max(v1, v2)
                if (
                    sep in ("-", "–")
                    and re.fullmatch(r"\d{4}", tok.text)
                    and 1800 <= core.value <= 2100
                    and qualifier == "exact"
                    and (len(tokens[second.start].text) == 2 or 1800 <= second.value <= 2200)
                ):
                    return None, second.end  # "2014-15", "1939-45"
                if (
                    sep in ("-", "–")
                    and core.numeric
                    and second.numeric
                    and v1 <= 20
                    and v2 <= 20
                    and v1.is_integer()
                    and v2.is_integer()
                    and _unit_after(tokens, second.end, tokens[second.end - 1], currency)[0] == "count"
                    and currency is None
                    and _adjacent(tokens[sep_at - 1], tokens[sep_at])
                ):
                    return None, second.end  # a score, "2-1"
                range_end = second.end
                value = low
                qualifier = "range"
                unit, cur2, unit_text, after_unit, kind = _unit_after(
                    tokens, range_end, tokens[range_end - 1], currency
                )
                if unit == "count" and tokens[j].text not in ("-", "–", "—", "to", "and"):
                    unit, cur2, unit_text, _, kind = _unit_after(tokens, j, tokens[j - 1], currency)
                    after_unit = range_end
    if second is None:
        after_unit = after_unit if unit != "count" else j
    if unit == "currency":
        currency = cur2 or currency
    if kind is None:
        kind = "amount"
    if core.vague is not None:
        kind = "vague"
        low, high = core.vague
        value = low
    elif core.fraction:
        kind = "fraction"
    # A year: "in 2018", "since 1985"; not "2000 people".
    if second is None and _is_year(tokens, core, qualifier, currency, unit):
        return None, core.end
    if (
        second is not None
        and unit == "count"
        and all(re.fullmatch(r"\d{4}", tokens[c.start].text) and 1000 <= c.value <= 2200 for c in (core, second))
    ):
        return None, range_end
    if negative and unit == "percent" and tokens[i - 1].text != "minus" and change is None:
        change = "down"  # "FTSE -0.6%"
    if change is not None and change in ("up", "down"):
        w = tokens[q_first - 1].low if q_first >= 1 else ""
        k = q_first - 1
        while k >= 0 and tokens[k].low in _CONNECT_BEFORE:
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
        if verb in _AMBIGUOUS_CHANGE and unit == "count" and not points:
            change = None
    end_tok = max(after_unit, range_end) - 1
    after_unit = max(after_unit, range_end)
    # "a third more than", "20% higher than": a change relative to something else.
    if (
        change is None
        and after_unit + 1 < len(tokens)
        and tokens[after_unit + 1].low == "than"
        and (core.fraction or unit == "percent")
    ):
        if tokens[after_unit].low in ("more", "higher", "greater", "larger", "bigger"):
            change = "up"
        elif tokens[after_unit].low in ("less", "fewer", "lower", "smaller"):
            change = "down"
    start_char = tokens[q_first].start if qualifier != "range" or q_first < i else tokens[min(q_first, cur_first)].start
    if qualifier == "range" and q_first >= 1 and tokens[q_first - 1].low in ("between", "from"):
        start_char = tokens[q_first - 1].start
    end_char = tokens[end_tok].end
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
            unit_text=unit_text,
            change=change,
            vague=kind == "vague",
            kind=kind,
            number_start=tokens[i].start,
            from_to=from_to,
            hedge=hedge,
        ),
        after_unit if after_unit > i else range_end,
    )


def _fraction(text: str, tokens: list[_Tok], i: int, end: int, value: float) -> Quantity:
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


def _scale_of(tokens: list[_Tok], core: _Core) -> float:
    for k in range(core.start, core.end):
        w = tokens[k].low
        if w in _SCALE_WORDS:
            return _SCALE_WORDS[w]
        if w in _SCALE_ABBR:
            return _SCALE_ABBR[w]
    return 1.0


def has_number(text: str) -> bool:
    """Cheap test: could this sentence hold a quantity (a digit or a number word)?"""
    return bool(_QUICK.search(text))


_QUICK = re.compile(
    r"\d|\b(?:"
    + "|".join(sorted(set(_ONES) | set(_TENS) | set(_VAGUE) | {"dozen", "half", "third", "quarter", "tens"}))
    + r")\b",
    re.IGNORECASE,
)
