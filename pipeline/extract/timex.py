"""Time expressions in a sentence, resolved against the article's publication time to an as-of date.

"in December 2024" -> 2024-12-01 (month granularity), "last month", "six months ago", "on Wednesday" (the most
recent Wednesday on or before publication), "in mid-2025", "yesterday". "since ..." marks a running total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

Granularity = Literal["day", "month", "quarter", "year"]

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
# Month and weekday names, shared with the number and entity rules.
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# Number words up to nineteen, shared with the number rules (pipeline/numbers.py).
SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
# Counts of days, weeks or months written as words ("three days ago", "a week earlier").
_NUMBER_WORDS = {word: value for word, value in SMALL_NUMBERS.items() if 1 <= value <= 12} | {"a": 1, "an": 1}
_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # A company's quarter: "first-quarter revenue", "the third quarter of 2023", "Q2 2024".
    (
        "quarter",
        re.compile(
            r"\b(?i:(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(\d{4}))?|"
            r"Q([1-4])(?:\s+|-|/)?((?:19|20)\d\d)?)\b"
        ),
    ),
    ("day_month_year", re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})\b")),
    ("month_day_year", re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}}),?\s+(\d{{4}})\b")),
    (
        "weekday_paren",
        re.compile(
            rf"\b(?:on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*\(({_MONTH_RE})\s+(\d{{1,2}})\)"
        ),
    ),
    ("day_month", re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})(?!\s+\d)")),
    ("month_day", re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})\b(?!,?\s+\d{{4}})")),
    ("month_year", re.compile(rf"\b({_MONTH_RE})\s+(?:of\s+)?(\d{{4}})\b")),
    ("part_year", re.compile(r"\b(mid|early|late|end of|start of|beginning of)[\s-]+(\d{4})\b", re.I)),
    ("ago", re.compile(r"\b(\w+)\s+(day|week|month|year)s?\s+ago\b", re.I)),
    ("last_unit", re.compile(r"\b(last|this|past)\s+(week|month|year)\b", re.I)),
    ("full_year", re.compile(r"\b(?:full[\s-]year|for\s+the\s+(?:whole\s+)?year)\b", re.I)),
    ("past_day", re.compile(r"\b(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?:24\s+hours|day)\b", re.I)),
    ("relative_day", re.compile(r"\b(yesterday|today|tonight|overnight)\b", re.I)),
    ("weekday", re.compile(r"\b(?:on\s+|last\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("in_month", re.compile(rf"\b(?i:in|since|during|by|until|through)\s+({_MONTH_RE})(?!\s+\d)\b")),
    (
        "year",
        re.compile(r"\b(?i:in|since|during|by|until|of|for|through|throughout|from)\s+(?:the\s+year\s+)?(\d{4})\b"),
    ),
]


# Kinds of expression that name a whole period the count covers.
_SPANS = {"full_year", "past_day"}


@dataclass(frozen=True)
class TimeExpr:
    """One resolved time expression: its span in the sentence and the date it names."""

    start: int
    end: int
    text: str
    date: date
    granularity: Granularity
    since: bool  # "since February 2022": the start of a running total, not the as-of date
    spans: bool = False  # "for the full year", "in the past 24 hours": a count over all of it, never a point

    @property
    def iso(self) -> str:
        """The date as RFC 3339 text (YYYY-MM-DD)."""
        return self.date.isoformat()

    @property
    def label(self) -> str:
        """The period as a key label: 2025, 2024-12 or 2026-02-04."""
        if self.granularity == "year":
            return f"{self.date.year}"
        if self.granularity == "quarter":
            return f"{self.date.year}-Q{(self.date.month - 1) // 3 + 1}"
        if self.granularity == "month":
            return f"{self.date.year}-{self.date.month:02d}"
        return self.iso


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]]


_ORDINAL_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter(groups: tuple[str | None, ...], published: date) -> date:
    """A quarter's first day; without a year, the latest such quarter that has begun by publication."""
    word, year_of, number, year_q = groups
    n = _ORDINAL_QUARTER[word.lower()] if word else int(number or 1)
    year = year_of or year_q
    if year:
        return date(int(year), 3 * n - 2, 1)
    start = date(published.year, 3 * n - 2, 1)
    return start if start <= published else date(published.year - 1, 3 * n - 2, 1)


def _latest_month(month: int, published: date) -> date:
    year = published.year if month <= published.month else published.year - 1
    return date(year, month, 1)


def _latest_day(month: int, day: int, published: date) -> date | None:
    try:
        candidate = date(published.year, month, day)
        return candidate if candidate <= published else date(published.year - 1, month, day)
    except ValueError:
        return None


def find_times(sentence: str, published: date) -> list[TimeExpr]:
    """Every time expression in the sentence, resolved against the publication date, in order."""
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            when, granularity = resolved
            before = sentence[max(0, m.start() - 12) : m.start()].lower()
            since = "since" in before.split()[-2:] or m.group(0).lower().startswith("since")
            found.append(TimeExpr(m.start(), m.end(), m.group(0), when, granularity, since, kind in _SPANS))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda t: t.start)


def _resolve(kind: str, m: re.Match[str], published: date) -> tuple[date, Granularity] | None:
    g = m.groups()
    try:
        if kind == "quarter":
            return _quarter(g, published), "quarter"
        if kind == "day_month_year":
            return date(int(g[2]), _month(g[1]), int(g[0])), "day"
        if kind == "month_day_year":
            return date(int(g[2]), _month(g[0]), int(g[1])), "day"
        if kind == "weekday_paren":
            day = _latest_day(_month(g[1]), int(g[2]), published)
            return (day, "day") if day else None
        if kind == "day_month":
            day = _latest_day(_month(g[1]), int(g[0]), published)
            return (day, "day") if day else None
        if kind == "month_day":
            day = _latest_day(_month(g[0]), int(g[1]), published)
            return (day, "day") if day else None
        if kind == "month_year":
            return date(int(g[1]), _month(g[0]), 1), "month"
        if kind == "part_year":
            month = {"mid": 7, "early": 1, "start of": 1, "beginning of": 1, "late": 10, "end of": 12}[g[0].lower()]
            return date(int(g[1]), month, 1), "month"
        if kind == "ago":
            n = _NUMBER_WORDS.get(g[0].lower()) or (int(g[0]) if g[0].isdigit() else None)
            if n is None:
                return None
            unit = g[1].lower()
            delta = {
                "day": relativedelta(days=n),
                "week": relativedelta(weeks=n),
                "month": relativedelta(months=n),
                "year": relativedelta(years=n),
            }[unit]
            return published - delta, "day" if unit in ("day", "week") else "month"
        if kind == "last_unit":
            which, unit = g[0].lower(), g[1].lower()
            if unit == "week":
                return published - timedelta(days=7 if which == "last" else 0), "day"
            if unit == "month":
                first = published.replace(day=1)
                return (first - relativedelta(months=1) if which == "last" else first), "month"
            return date(published.year - (1 if which == "last" else 0), 1, 1), "year"
        if kind == "full_year":
            # "its profit for the full year": results come out within months of the year's end (a report in
            # February is of the year before), an outlook later in the year is of this one.
            return date((published - relativedelta(months=3)).year, 1, 1), "year"
        if kind == "past_day":
            return published, "day"  # "lost 1,200 troops in the past day": the day's count, to the report
        if kind == "relative_day":
            word = g[0].lower()
            return published - timedelta(days=1 if word == "yesterday" else 0), "day"
        if kind == "weekday":
            target = WEEKDAYS.index(g[0].lower())
            back = (published.weekday() - target) % 7
            if m.group(0).lower().startswith("last") and back == 0:
                back = 7
            return published - timedelta(days=back), "day"
        if kind == "in_month":
            return _latest_month(_month(g[0]), published), "month"
        if kind == "year":
            year = int(g[0])
            if not 1900 <= year <= published.year + 5:
                return None
            return date(year, 1, 1), "year"
    except (ValueError, KeyError):
        return None
    return None
