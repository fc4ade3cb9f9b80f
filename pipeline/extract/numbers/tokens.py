"""Tokens and the numbers they spell: digits with a scale ("1.5bn", "25k") and number words ("twenty-five")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.extract.numbers.lexicon import (
    COUNTED_AFTER_MILLION,
    CURRENCY_SIGNS,
    FRACTIONS,
    ONES,
    SCALE_ABBR,
    SCALE_WORDS,
    TENS,
    VAGUE,
)


@dataclass(frozen=True)
class Tok:
    """One token of a text and its character span."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


_TOKEN = re.compile(r"(?<![\w.])\.\d+|\d+(?:[.,:]\d+)*|[^\W\d_]+|\S", re.UNICODE)
# Thousands grouped by a space, as much of the world's English copy writes them ("more than 3 000 aftershocks",
# "R1 200 000"): groups of three digits after a first group of one to three, nothing numeric around them.
_SPACED = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\w]|[.,]\d)")
_MONTH_BEFORE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+$|\b(?:no|page|pp?|fig)\.?\s+$"
)


def tokenize(text: str) -> list[Tok]:
    """The text's tokens: numbers with their commas and points, words, and single other characters.

    A number grouped by spaces is one token, except after a month ("August 24 300 people" is a date and a count).
    """
    spaced = [m for m in _SPACED.finditer(text) if not _MONTH_BEFORE.search(text[max(0, m.start() - 12) : m.start()])]
    if not spaced:
        return [Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out: list[Tok] = []
    pos = 0
    for group in spaced:
        out.extend(Tok(m.group(), pos + m.start(), pos + m.end()) for m in _TOKEN.finditer(text[pos : group.start()]))
        out.append(Tok(group.group(), group.start(), group.end()))
        pos = group.end()
    out.extend(Tok(m.group(), pos + m.start(), pos + m.end()) for m in _TOKEN.finditer(text[pos:]))
    return out


@dataclass(frozen=True)
class Core:
    """The number itself, in digits or words, without qualifier, currency or unit."""

    value: float
    start: int  # token index
    end: int  # token index, exclusive
    numeric: bool
    scaled: bool
    vague: tuple[float, float] | None = None
    fraction: bool = False


def adjacent(a: Tok, b: Tok) -> bool:
    """True when token b starts where token a ends (no space between)."""
    return a.end == b.start


def _parse_digits(raw: str) -> float | None:
    """The value of a digit token ("55,000", "1.5", ".5"); None for a clock time or a list ("1,5")."""
    if ":" in raw:
        return None
    raw = re.sub(r"[ \u00a0\u2009\u202f]", "", raw)  # "3 000"
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


def _word_number(tokens: list[Tok], i: int) -> Core | None:
    """Number words from token i: "two", "twenty-five", "one hundred and twenty", "a dozen", "two-thirds"."""
    w = tokens[i].low
    if w == "a" and i + 1 < len(tokens):
        return _a_number(tokens, i)
    if w == "half" and i + 1 < len(tokens):
        return _half_number(tokens, i)
    if w in VAGUE:
        low, high = VAGUE[w]
        return Core(low, i, i + 1, False, False, vague=(low, high))
    if w in ("tens", "hundreds") and i + 2 < len(tokens) and tokens[i + 1].low == "of" and tokens[i + 2].low in VAGUE:
        mult = 10.0 if w == "tens" else 100.0
        low, _ = VAGUE[tokens[i + 2].low]
        return Core(low * mult, i, i + 3, False, False, vague=(low * mult, low * mult * 10))
    if w not in ONES and w not in TENS and w != "dozen":
        return None
    return _spelled_number(tokens, i)


def _a_number(tokens: list[Tok], i: int) -> Core | None:
    """A number led by "a" at token i: "a dozen", "a hundred", "a third of"."""
    nxt = tokens[i + 1].low
    if nxt == "dozen":
        return Core(12.0, i, i + 2, False, False)
    if nxt in ("hundred", "thousand", "million", "billion"):
        core = _word_number(tokens, i + 1)
        return replace(core, start=i) if core else None
    if (
        nxt in ("third", "quarter", "fifth", "half")
        and i + 2 < len(tokens)
        and tokens[i + 2].low in ("of", "more", "less", "fewer", "higher", "lower", "bigger", "smaller")
    ):
        return Core(FRACTIONS[nxt], i, i + 2, False, False, fraction=True)
    return None


def _half_number(tokens: list[Tok], i: int) -> Core | None:
    """A number led by "half" at token i: "half a million", "half a dozen", "half of"."""
    nxt = tokens[i + 1].low
    if nxt == "a" and i + 2 < len(tokens) and tokens[i + 2].low in ("million", "billion", "dozen"):
        scale = 12.0 if tokens[i + 2].low == "dozen" else SCALE_WORDS[tokens[i + 2].low]
        return Core(0.5 * scale, i, i + 3, False, True)
    if nxt == "of":
        return Core(0.5, i, i + 1, False, False, fraction=True)
    return None


def _spelled_number(tokens: list[Tok], i: int) -> Core | None:
    """A number spelt out in words from token i: "twenty-five", "one hundred and twenty", "two-thirds"."""
    total = 0.0
    current = 0.0
    j = i
    last = i
    seen_any = False
    while j < len(tokens):
        t = tokens[j].low
        if t in ONES and (current % 10 == 0 or current >= 100 or not seen_any):
            if seen_any and current % 100 != 0 and current % 10 != 0:
                break
            current += ONES[t]
        elif t in TENS and current % 100 == 0:
            current += TENS[t]
        elif t == "dozen" and seen_any:
            current *= 12
        elif t == "hundred" and seen_any:
            current = (current or 1) * 100
        elif t in ("thousand", "million", "billion", "trillion") and seen_any:
            total += (current or 1) * SCALE_WORDS[t]
            current = 0.0
        elif t in ("thirds", "quarters", "fifths") and seen_any and tokens[j - 1].low == "-":
            return Core(current * FRACTIONS[t], i, j + 1, False, False, fraction=True)
        elif (
            t == "-"
            and seen_any
            and j + 1 < len(tokens)
            and adjacent(tokens[j - 1], tokens[j])
            and (tokens[j + 1].low in ONES or tokens[j + 1].low in ("thirds", "quarters", "fifths"))
            or t == "and"
            and seen_any
            and current >= 100
            and j + 1 < len(tokens)
            and (tokens[j + 1].low in ONES or tokens[j + 1].low in TENS)
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
    return Core(value, i, last + 1, False, any(tokens[k].low in SCALE_WORDS for k in range(i, last + 1)))


def core_at(tokens: list[Tok], i: int) -> Core | None:
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
            if nxt in SCALE_WORDS and nxt not in ("lakh", "crore") or nxt in ("lakh", "crore"):
                value *= SCALE_WORDS[nxt]
                j += 1
                scaled = True
            elif nxt in ("mn", "mln", "bn", "bln", "tn", "trn"):
                value *= SCALE_ABBR[nxt]
                j += 1
                scaled = True
            elif (
                nxt in ("k", "b", "m", "mil")
                and adjacent(tok, tokens[j])
                and not letter_follows(tokens, j)
                and (tokens[j].text != "m" or not _metres_context(tokens, j))
            ):
                value *= SCALE_ABBR.get(nxt, 1e6)
                j += 1
                scaled = True
        return Core(value, i, j, True, scaled)
    return _word_number(tokens, i)


def _metres_context(tokens: list[Tok], j: int) -> bool:
    """ "100m sprint", "14m high", "5m-long": a lower-case m after digits that means metres, not million."""
    if j >= 2 and tokens[j - 2].text in CURRENCY_SIGNS:
        return False  # "$1m in aid": money is counted in millions
    k = j + 1
    if k < len(tokens) and tokens[k].low in COUNTED_AFTER_MILLION:
        return False  # "the 12.3m tonnes of jet fuel"
    if k < len(tokens) and tokens[k].text == "-" and adjacent(tokens[j], tokens[k]):
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


def letter_follows(tokens: list[Tok], j: int) -> bool:
    """True when token j is glued to a following letter or digit ("mph" after "m", "km2")."""
    return j + 1 < len(tokens) and adjacent(tokens[j], tokens[j + 1]) and tokens[j + 1].text[0].isalnum()


def scale_of(tokens: list[Tok], core: Core) -> float:
    """The scale written in a number ("million", "bn"): the factor a range's first number may share."""
    for k in range(core.start, core.end):
        w = tokens[k].low
        if w in SCALE_WORDS:
            return SCALE_WORDS[w]
        if w in SCALE_ABBR:
            return SCALE_ABBR[w]
    return 1.0


def has_number(text: str) -> bool:
    """Cheap test: could this sentence hold a quantity (a digit or a number word)?"""
    return bool(_QUICK.search(text))


_QUICK = re.compile(
    r"\d|\b(?:"
    + "|".join(sorted(set(ONES) | set(TENS) | set(VAGUE) | {"dozen", "half", "third", "quarter", "tens"}))
    + r")\b",
    re.IGNORECASE,
)
