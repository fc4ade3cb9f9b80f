"""What looks like a number but is no quantity: years, dates, times, ages, ordinals, names, scores, phone numbers."""

from __future__ import annotations

import re

from pipeline.extract.numbers.context import unit_after
from pipeline.extract.numbers.lexicon import (
    CURRENCY_CODES,
    CURRENCY_PREFIX_WORDS,
    CURRENCY_WORDS,
    DOLLAR_PREFIX,
    DURATION,
    ONES,
    TENS,
)
from pipeline.extract.numbers.quantity import Qualifier, Unit
from pipeline.extract.numbers.tokens import Core, Tok, adjacent, core_at
from pipeline.extract.timex import MONTHS, WEEKDAYS

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


# Stock indices whose names end in a number: "FTSE 100", "Stoxx 50", "S&P 500".
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
_TIME_SUFFIX = {"am", "pm", "gmt", "bst", "utc", "cet", "est", "edt", "pst", "et", "hrs", "o'clock"}
_ORDINAL_SUFFIX = {"st", "nd", "rd", "th"}
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

# Capitalised words before a number that do not make it part of a name ("About 300", "The 2 men").
_NOT_NAME_BEFORE = {
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
}

# ISO timestamps, clock times and numbered web furniture are never quantities.
_BLOCK = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\b")


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans never read for numbers: phone numbers, ISO timestamps and clock times."""
    return _phone_spans(text) + [(m.start(), m.end()) for m in _BLOCK.finditer(text)]


def _phone_spans(text: str) -> list[tuple[int, int]]:
    """Phone numbers: nine or more digits in groups ("+44 20 7946 0958", "(555) 123-4567")."""
    pattern = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,5}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}\b")
    return [
        (m.start(), m.end())
        for m in pattern.finditer(text)
        if sum(c.isdigit() for c in m.group()) >= 9
        and ("+" in m.group() or "(" in m.group() or "," not in m.group())
        and not re.search(r"\d,\d{3}", m.group())
    ]


def _is_age(text: str, tokens: list[Tok], i: int) -> bool:
    """ "Jamie Armstrong, 25, said": a bare number set off by commas after a name is an age."""
    tok = tokens[i]
    if not tok.text.isdigit() or not 1 <= int(tok.text) <= 110 or i < 2 or i + 1 >= len(tokens):
        return False
    return (
        tokens[i - 1].text == ","
        and tokens[i + 1].text == ","
        and tokens[i - 2].text[:1].isupper()
        and tokens[i - 2].text.isalpha()
        and tokens[i - 2].low not in MONTHS
        and tokens[i - 2].low not in WEEKDAYS
    )


def _is_name_number(tokens: list[Tok], i: int) -> bool:
    """A number that is part of a name: "France 2", "Section 427", "S23", "F-16", "World War Two"."""
    if i == 0:
        return False
    core = core_at(tokens, i)
    if core is not None and (core.scaled or _has_unit(tokens, core)):
        return (
            adjacent(tokens[i - 1], tokens[i])
            and tokens[i - 1].text[0].isalpha()
            and not (tokens[i - 1].low in CURRENCY_CODES and tokens[i - 1].text.isupper())
            and tokens[i - 1].low not in CURRENCY_PREFIX_WORDS
            and tokens[i - 1].low != "sub"
        )
    prev = tokens[i - 1]
    if prev.low in CURRENCY_CODES and prev.text.isupper():
        return False
    if prev.text in ("US", "A", "AU", "C", "NZ", "HK", "S") and i >= 2 and tokens[i - 2].text == "$":
        return False
    if adjacent(prev, tokens[i]) and prev.text[0].isalpha() and prev.low not in CURRENCY_PREFIX_WORDS:
        return prev.low != "sub"
    if (
        prev.text == "."
        and adjacent(prev, tokens[i])
        and i >= 2
        and adjacent(tokens[i - 2], prev)
        and tokens[i - 2].text.isalpha()
    ):
        return True  # "ID.3"
    if prev.low in _LABEL_NOUNS and not (i >= 2 and tokens[i - 2].low in ("a", "an", "per", "each", "every")):
        return True
    if prev.text.isalpha() and any(c.isupper() for c in prev.text[1:]) and not prev.text.isupper():
        return True  # "iPhone 14", "PlayStation 5"
    if (
        prev.text in ("-", "–")
        and adjacent(prev, tokens[i])
        and i >= 2
        and adjacent(tokens[i - 2], prev)
        and tokens[i - 2].text[0].isalpha()
    ):
        return (
            tokens[i - 2].low not in ONES
            and tokens[i - 2].low not in TENS
            and tokens[i - 2].low not in ("sub", "minus")
        )
    if prev.text[0].isupper() and prev.text.isalpha() and prev.low not in MONTHS and prev.low not in WEEKDAYS:
        return _after_capitalised(tokens, i)
    if prev.text == "No" or (prev.text == "." and i >= 2 and tokens[i - 2].text in ("No", "no", "Nos")):
        return True
    if prev.low in _INDEX_NAMES or (prev.text == "P" and i >= 3 and tokens[i - 2].text == "&"):
        return True  # "the S&P 500", "Stoxx 50", "FTSE 100": an index's name
    if prev.text == "#":
        return True
    return False


def _after_capitalised(tokens: list[Tok], i: int) -> bool:
    """After a capitalised word ("France 2"): a name, unless it is a currency, a function word or opens a sentence."""
    prev = tokens[i - 1]
    if prev.low in CURRENCY_PREFIX_WORDS or prev.low in CURRENCY_CODES or prev.low in DOLLAR_PREFIX:
        return False
    if prev.low in _NOT_NAME_BEFORE:
        return False
    # A capitalised word at a sentence start ("Some 300 ..." handled above) is not a name either.
    k = i - 2
    if k < 0 or tokens[k].text in (".", "!", "?", '"', "“", ":", "(", "—", "-", "\n"):
        return False
    return True


def _has_unit(tokens: list[Tok], core: Core) -> bool:
    """True when a unit follows the number glued or as a word ("%", "per cent", "bn", "pounds")."""
    j = core.end
    if j >= len(tokens):
        return False
    t = tokens[j]
    if t.low in ("%", "percent", "pct", "per", "°") or t.low in CURRENCY_WORDS and t.low != "p":
        return True
    return adjacent(tokens[j - 1], t) and t.text[0].isalpha() and t.low not in _ORDINAL_SUFFIX and t.low != "s"


def is_date_part(tokens: list[Tok], core: Core) -> bool:
    """A day of a date: "March 3", "Sept. 20", "Monday 12", "3 March"."""
    i, j = core.start, core.end
    if not core.numeric:
        return False
    value = core.value
    if i >= 1:
        prev = tokens[i - 1].low
        if prev in MONTHS or (prev == "." and i >= 2 and tokens[i - 2].low in MONTHS):
            return True
        if prev in WEEKDAYS and value <= 31:
            return True
    if j < len(tokens) and value <= 31 and tokens[j].low in MONTHS and tokens[j].text[0].isupper():
        return True
    return False


def is_year(tokens: list[Tok], core: Core, qualifier: Qualifier, currency: str | None, unit: Unit) -> bool:
    """A bare four-digit number from 1800 to 2200 is a year ("in 2018", "the 1990s"), unless a plural noun follows."""
    if not core.numeric or core.scaled or currency or unit != "count" or qualifier != "exact":
        return False
    tok = tokens[core.start]
    if not re.fullmatch(r"\d{4}", tok.text) or not 1800 <= core.value <= 2200:
        return False
    j = core.end
    if j < len(tokens) and adjacent(tokens[j - 1], tokens[j]) and tokens[j].low in ("s", "'s", "’s"):
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


def name_time_or_date_end(text: str, tokens: list[Tok], i: int, core: Core) -> int | None:
    """Where to read on when the number at token i is in a name, an age, an ordinal, a time or a date; else None."""
    if _in_name(text, tokens, i, core):
        return core.end
    end = _ordinal_or_time_end(tokens, core)
    if end is not None:
        return end
    j = core.end
    if is_date_part(tokens, core):
        # "Sept. 20-24": the second day of a date range is a date too.
        if j + 1 < len(tokens) and tokens[j].text in ("-", "–") and tokens[j + 1].text.isdigit():
            return j + 2
        return j
    return None


def _in_name(text: str, tokens: list[Tok], i: int, core: Core) -> bool:
    """A number in a name or an age: "Covid-19", "S23", "Jamie Armstrong, 25,", "World War Two"."""
    tok = tokens[i]
    # A number inside a token like "Covid-19" or "S23" or a time "10.45pm", "17:22".
    if core.numeric and (_is_name_number(tokens, i) or _is_age(text, tokens, i)):
        return True
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
            return True
    return False


def _ordinal_or_time_end(tokens: list[Tok], core: Core) -> int | None:
    """Where to read on after an ordinal ("3rd") or a time of day ("10pm", "9 a.m.", "11 GMT"); else None."""
    j = core.end
    if j < len(tokens) and adjacent(tokens[j - 1], tokens[j]):
        suffix = tokens[j].low
        if suffix in _ORDINAL_SUFFIX:
            return j + 1
        if (
            suffix in _TIME_SUFFIX
            or suffix in ("a", "p")
            and j + 2 < len(tokens)
            and tokens[j + 1].text == "."
            and tokens[j + 2].low == "m"
        ):
            return j + 1
    if j < len(tokens) and tokens[j].low in ("am", "pm", "gmt", "bst", "utc", "cet", "o'clock") and core.numeric:
        return j + 1
    if (
        core.numeric
        and j + 1 < len(tokens)
        and tokens[j].low in ("a", "p")
        and tokens[j + 1].text == "."
        and j + 2 < len(tokens)
        and tokens[j + 2].low == "m"
    ):
        return j + 3
    return None


def word_part_end(tokens: list[Tok], i: int, core: Core) -> int | None:
    """Where to read on when the number at token i is part of a compound word or the pronoun "one"; else None."""
    end = _compound_word_end(tokens, i, core)
    if end is None:
        end = _pronoun_one_end(tokens, i, core)
    if end is None:
        end = _length_adjective_end(tokens, core)
    return end


def _compound_word_end(tokens: list[Tok], i: int, core: Core) -> int | None:
    """A number word inside a hyphenated compound: "three-bed", "production-four-door"."""
    tok = tokens[i]
    j = core.end
    if (
        not core.numeric
        and j + 1 < len(tokens)
        and tokens[j].text == "-"
        and adjacent(tokens[j - 1], tokens[j])
        and tokens[j + 1].text.isalpha()
        and tokens[j + 1].low not in ("old", "thirds", "quarters", "fifths")
        and tokens[j + 1].low not in ONES
        and tokens[j + 1].low not in TENS
        and tokens[j + 1].low not in DURATION
    ):
        return j + 2  # "three-bed", "six-speed", "four-cylinder": part of a compound adjective
    if (
        not core.numeric
        and i >= 2
        and tokens[i - 1].text == "-"
        and adjacent(tokens[i - 1], tok)
        and adjacent(tokens[i - 2], tokens[i - 1])
        and tokens[i - 2].text.isalpha()
    ):
        return j  # "production-four-door"
    return None


def _pronoun_one_end(tokens: list[Tok], i: int, core: Core) -> int | None:
    """ "one" as a pronoun ("no one", "one another", "the one") or in "one-off", "one-time"."""
    tok = tokens[i]
    j = core.end
    # "one": skip pronoun uses ("no one", "one another", "the one").
    if tok.low == "one" and core.end == i + 1:
        if j < len(tokens) and tokens[j].text[0].isdigit():
            return j
        if (i > 0 and tokens[i - 1].low in _NOT_ONE_BEFORE) or (j < len(tokens) and tokens[j].low in _NOT_ONE_AFTER):
            return j
    if (
        tok.low == "one"
        and j < len(tokens)
        and tokens[j].low in ("-",)
        and j + 1 < len(tokens)
        and tokens[j + 1].low in ("off", "on", "time", "way")
    ):
        return j + 2
    return None


def _length_adjective_end(tokens: list[Tok], core: Core) -> int | None:
    """A length as a compound adjective: "five-year plan", "24-hour", "three-storey" (not "five-year-old")."""
    j = core.end
    # A compound adjective like "five-year plan" or "24-hour" names a length, not a quantity of anything.
    if (
        j + 1 < len(tokens)
        and tokens[j].text == "-"
        and adjacent(tokens[j - 1], tokens[j])
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
        return j + 2
    return None


def year_end(tokens: list[Tok], i: int, core: Core, currency: str | None, qualifier: Qualifier) -> int | None:
    """Where to read on when the number at token i is a year after a preposition ("in 2018") or a decade ("1990s")."""
    tok = tokens[i]
    j = core.end
    if (
        core.numeric
        and re.fullmatch(r"\d{4}", tok.text)
        and 1000 <= core.value <= 2200
        and currency is None
        and qualifier == "exact"
        and i >= 1
        and tokens[i - 1].low in _YEAR_PREPOSITIONS
    ):
        return j
    if (
        core.numeric
        and re.fullmatch(r"\d{4}", tok.text)
        and 1800 <= core.value <= 2200
        and j < len(tokens)
        and adjacent(tok, tokens[j])
        and tokens[j].low in ("s", "'s", "’s")
    ):
        return j + 1
    return None


def is_year_span(tokens: list[Tok], core: Core, second: Core, separator: int, qualifier: Qualifier) -> bool:
    """Two numbers joined by a dash that are years: "2014-15", "1939-45"."""
    tok = tokens[core.start]
    return bool(
        tokens[separator].low in ("-", "–")
        and re.fullmatch(r"\d{4}", tok.text)
        and 1800 <= core.value <= 2100
        and qualifier == "exact"
        and (len(tokens[second.start].text) == 2 or 1800 <= second.value <= 2200)
    )


def is_score(
    tokens: list[Tok], core: Core, second: Core, separator: int, low: float, high: float, currency: str | None
) -> bool:
    """Two small whole numbers glued by a dash with no unit or currency: a score, "2-1"."""
    return (
        tokens[separator].low in ("-", "–")
        and core.numeric
        and second.numeric
        and low <= 20
        and high <= 20
        and low.is_integer()
        and high.is_integer()
        and unit_after(tokens, second.end, tokens[second.end - 1], currency)[0] == "count"
        and currency is None
        and adjacent(tokens[separator - 1], tokens[separator])
    )


def is_year_range(tokens: list[Tok], core: Core, second: Core) -> bool:
    """A range whose both ends are four-digit years: "1000 to 2200" with no unit is a span of years."""
    return all(re.fullmatch(r"\d{4}", tokens[c.start].text) and 1000 <= c.value <= 2200 for c in (core, second))
