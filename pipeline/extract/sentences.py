"""A cheap sentence splitter and the limits that bound the work done on one article."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])|\n+")


_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Capt|Supt|Prof|Rev|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.K|No|Inc|Corp|Co|vs|approx|est)\.$"
    r"|(?<![\w.])[A-Z]\.$"  # an initial: "Donald J. Trump"
)
_CONTINUED = re.compile(r"[ \t]*[a-z]")
_INDENTED = re.compile(r"[ \t]+\S")
_ENDED = re.compile(r"[.!?:\"”’']\s*$")
# "2 p.m. Thursday", "9 a.m. ET": a time's abbreviation ends the sentence only when a new sentence follows.
_CLOCK = re.compile(r"\b[ap]\.m\.$")
_CLOCK_GOES_ON = re.compile(
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Jan|Febr)uary|March|April|May|June|July|August"
    r"|(?:Septem|Octo|Novem|Decem)ber|local time|[A-Z]{1,2}[SD]?T|GMT|UTC)\b"
)


# Bounds that keep hostile text (one 100,000-character sentence, 10,000 numbers) linear in time:
# the per-number work looks at its sentence, so sentence length and numbers per sentence are capped.
# Real wire sentences stay far below them.
MAX_SENTENCE_CHARS = 1_000


MAX_QUANTITIES_PER_SENTENCE = 40


MAX_NUMBER_SENTENCES = 150


def bounded(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans no longer than MAX_SENTENCE_CHARS: a longer one is cut at the last space before the limit."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
            cut = cut if cut > start else start + MAX_SENTENCE_CHARS
            out.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            out.append((start, end))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Cheap sentence spans (start, end): split after . ! ? before a capital, and at newlines."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        piece = text[start : m.start()]
        if "\n" not in m.group() and (
            _ABBREV.search(piece) or (_CLOCK.search(piece) and _CLOCK_GOES_ON.match(text, m.end()))
        ):
            continue
        if "\n" in m.group() and (
            _CONTINUED.match(text, m.end())
            or (m.group() == "\n" and _INDENTED.match(text, m.end()) and not _ENDED.search(piece))
        ):
            # Hard-wrapped copy: a line that goes on in lower case, or an indented line after one that did not
            # end a sentence, is the same sentence.
            continue
        if piece.strip():
            spans.append(_strip(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_WHITESPACE_RUN = re.compile(r"\s{2,}|[\t\n\r\f\v]")


def collapse_whitespace(text: str) -> tuple[str, list[int] | None]:
    """The sentence with each run of whitespace as one space, and where each of its characters stands in
    the original (None when nothing changed): hard-wrapped copy parses as the sentence it is."""
    if not _WHITESPACE_RUN.search(text):
        return text, None
    out: list[str] = []
    spans: list[int] = []
    for m in re.finditer(r"\s+|\S+", text):
        if m.group()[0].isspace():
            out.append(" ")
            spans.append(m.start())
        else:
            out.append(m.group())
            spans.extend(range(m.start(), m.end()))
    return "".join(out), spans
