"""The benchmark's corpus: the seeds and composed gold, restamped, with synthetic wire variants of them."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from pipeline.evaluation import corpus
from pipeline.ingest import Article

VariantKind = Literal["repost", "trimmed", "reheadlined", "figure_changed", "write_through"]
VARIANT_KINDS: tuple[VariantKind, ...] = ("repost", "trimmed", "reheadlined", "figure_changed", "write_through")
SOURCES = ("reuters", "ap", "afp", "dpa", "bbc", "aljazeera", "upi", "ansa")
# A number worth changing: 2+ digits or grouped thousands, not a year, a date or a clock time.
_NUMBER = re.compile(r"(?<![\d.,:/-])(\d{1,3}(?:,\d{3})+|\d{2,})(?![\d.,:/]?\d)")
_MONTH_BEFORE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? $")
_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


def load_bases(root: Path) -> list[Article]:
    """The seeds plus the composed gold articles (when present), in publication order."""
    bases = corpus.load_articles([root / "seeds"])
    composed = root / "tests" / "gold" / "composed.articles.jsonl"
    if composed.is_file():
        bases.extend(corpus.articles_from_jsonl(composed))
    return corpus.by_publication(bases)


def _paragraphs(body: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", body) if p.strip()]


def change_first_figure(text: str, rng: random.Random) -> str:
    """The text with its first non-year number raised by 5-40% (the way a toll moves)."""
    for match in _NUMBER.finditer(text):
        raw = match.group(1)
        value = int(raw.replace(",", ""))
        if 1900 <= value <= 2100 and "," not in raw:
            continue
        if _MONTH_BEFORE.search(text[max(0, match.start(1) - 12) : match.start(1)]) or _MONTH_AFTER.match(
            text[match.end(1) : match.end(1) + 16]
        ):
            continue
        new_value = max(value + 1, int(value * rng.uniform(1.05, 1.40)))
        new_raw = f"{new_value:,}" if "," in raw else str(new_value)
        return text[: match.start(1)] + new_raw + text[match.end(1) :]
    return text


def make_variant(
    base: Article, kind: VariantKind, number: int, rng: random.Random, id_suffix: str = "", wave: int = 0
) -> Article:
    """One wire variant of a base: a repost, a trimmed or re-headlined copy, a changed figure, a write-through.

    It is published 5 minutes per wave (0, 1, ...) after the base, plus up to 4 minutes of jitter.
    """
    paragraphs = _paragraphs(base.body)
    headline, body = base.headline, base.body
    if kind == "trimmed":
        keep = max(1, math.ceil(len(paragraphs) * rng.uniform(0.4, 0.8)))
        body = "\n\n".join(paragraphs[:keep])
        headline = f"UPDATE 1-{base.headline}"
    elif kind == "reheadlined":
        headline = (
            rng.choice(("WRAPUP: ", "FACTBOX-", "Latest: ", ""))
            + base.headline.rstrip(".")
            + rng.choice(("", " - officials", ", sources say"))
        )
    elif kind == "figure_changed":
        body = change_first_figure(base.body, rng)
        headline = change_first_figure(base.headline, random.Random(rng.random()))
    elif kind == "write_through":
        lead = change_first_figure(paragraphs[0], rng)
        body = "\n\n".join([lead, "(Adds new figure, details in first paragraph)", *paragraphs[1:]])
        headline = f"UPDATE 2-{change_first_figure(base.headline, random.Random(rng.random()))}"
    source = base.source if kind in ("trimmed", "write_through") else rng.choice(SOURCES)
    return replace(
        base,
        id=f"{base.id}-{kind}-{number}{id_suffix}",
        source=source,
        published_at=base.published_at + timedelta(minutes=5 * (wave + 1) + rng.randint(0, 4)),
        headline=headline,
        body=body,
    )


def restamp(bases: Sequence[Article], anchor: datetime, max_gap: timedelta = timedelta(hours=1)) -> list[Article]:
    """The bases moved to start at `anchor`, in their order, with each gap to the previous one capped.

    The seeds and composed articles span a year; a live stream spans hours. Moved close to the
    wall clock, no dedup entry falls out of its window during a run (an expiry inside the run
    would measure the expiry timer, not the stream).
    """
    moved: list[Article] = []
    ordered = corpus.by_publication(bases)
    for previous, article in zip([None, *ordered[:-1]], ordered, strict=True):
        gap = timedelta(0) if previous is None else min(article.published_at - previous.published_at, max_gap)
        moved.append(replace(article, published_at=(moved[-1].published_at + gap) if moved else anchor))
    return moved


def live_bases(root: Path, now: datetime | None = None) -> list[Article]:
    """The bases restamped to start 26 hours ago: within every dedup window (36 h) while they run."""
    return restamp(load_bases(root), (now or datetime.now(UTC)) - timedelta(hours=26))


def make_corpus(bases: Sequence[Article], total: int, seed: int = 2026, id_suffix: str = "") -> list[Article]:
    """`total` articles: the bases, then variants of them round-robin, in publication order (deterministic)."""
    if not bases:
        raise ValueError("no base articles")
    rng = random.Random(seed)
    articles = [replace(b, id=b.id + id_suffix) for b in bases][:total]
    number = 0
    while len(articles) < total:
        base = bases[number % len(bases)]
        kind = VARIANT_KINDS[(number // len(bases)) % len(VARIANT_KINDS)]
        articles.append(make_variant(base, kind, number, rng, id_suffix, wave=number // len(bases)))
        number += 1
    return corpus.by_publication(articles)


def endless_corpus(bases: Sequence[Article], lap_size: int, seed: int = 2026) -> Iterator[Article]:
    """Laps of make_corpus, each with fresh ids, for a soak that runs as long as it is asked to."""
    lap = 0
    while True:
        yield from make_corpus(bases, lap_size, seed + lap, id_suffix=f"-lap{lap}")
        lap += 1
