"""Build the dedup test set: tests/gold/dedup/articles.jsonl and clusters.jsonl.

Originals are the five seeds (one story from five outlets) and, when present, the composed wire
articles in tests/gold/composed.articles.jsonl (other events, several on the same topic: two quakes,
floods, a wildfire, a mine blast...). The composed originals are moved onto one three-day timeline
beside the seeds, so events on the same topic share a news cycle and only their content can tell
them apart. From each original the builder derives copies with a fixed seed:

  trimmed      first 30-70% of the paragraphs, another outlet           duplicate, not a new version
  reheadlined  a new headline (the lead's first words), another outlet  duplicate, not a new version
  shuffled     the body's paragraphs in another order, another outlet   duplicate, not a new version
  repost       the same text under another id, another outlet           duplicate, not a new version
  writethrough one figure changed (and the headline with it), same      duplicate, a new version
               outlet, a line added at the end

clusters.jsonl lines: {"article_id", "story_id", "duplicate_of", "is_new_version"}; gold story ids
are the id of the story's first original. Gold stories among the originals are stated below
(STORY_OF), not derived from any similarity.

Run from the repo root:  .venv/bin/python tests/gold/dedup/build.py
"""

from __future__ import annotations

import json
import random
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent
ROOT = GOLD.parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.ingest import format_timestamp, parse_timestamp  # noqa: E402
from pipeline.schemas import validate  # noqa: E402

SEED = 20260205
KINDS = ("trimmed", "reheadlined", "shuffled", "repost", "writethrough")
OUTLETS = ("yahoo", "msn", "independent", "straitstimes", "thehindu", "japantimes", "abcnews", "dailysabah")
# Gold: originals that report the same event in the same news cycle as an earlier original.
STORY_OF = {"afp-20250318-turkey-quake-toll": "reuters-20250317-turkey-quake"}
TIMELINE_START = datetime(2026, 2, 3, 6, 0, tzinfo=UTC)
_NUMBER = re.compile(r"(?<![\w.,])\d{2,}(?:,\d{3})*(?![\w,]|\.\d)")


def load(path: Path) -> list[dict[str, Any]]:
    """Messages of a JSONL file, or none when it does not exist yet."""
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def place_composed(composed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Move the composed originals onto one timeline, 3 hours apart, keeping same-story gaps."""
    placed: dict[str, datetime] = {}
    out = []
    for index, message in enumerate(sorted(composed, key=lambda m: m["published_at"])):
        first = STORY_OF.get(message["id"])
        if first in placed:
            gap = parse_timestamp(message["published_at"]) - parse_timestamp(
                next(m for m in composed if m["id"] == first)["published_at"]
            )
            when = placed[first] + gap
        else:
            when = TIMELINE_START + timedelta(hours=3 * index)
        placed[message["id"]] = when
        out.append(dict(message, published_at=format_timestamp(when)))
    return out


def change_figure(message: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """A write-through: one number in the body raised, everywhere it occurs, and a line added."""
    numbers = sorted(set(_NUMBER.findall(message["body"])) - {str(y) for y in range(1990, 2031)})
    if not numbers:
        return None
    old = rng.choice(numbers)
    value = int(old.replace(",", ""))
    new_value = value + max(1, round(value * rng.uniform(0.05, 0.3)))
    new = f"{new_value:,}" if "," in old else str(new_value)
    pattern = re.compile(rf"(?<![\w.,]){re.escape(old)}(?![\w,]|\.\d)")
    body = pattern.sub(new, message["body"]) + "\nThis story has been updated with the latest figures."
    return dict(message, headline=pattern.sub(new, message["headline"]), body=body)


def derive(message: dict[str, Any], kind: str, index: int, rng: random.Random) -> dict[str, Any] | None:
    """One copy of an original, or None when the kind does not apply (no figure to change)."""
    paragraphs = [p for p in message["body"].split("\n") if p.strip()]
    copy = dict(message)
    if kind == "trimmed":
        keep = max(1, round(len(paragraphs) * rng.uniform(0.3, 0.7)))
        copy["body"] = "\n".join(paragraphs[:keep])
    elif kind == "reheadlined":
        words = paragraphs[0].split()
        copy["headline"] = " ".join(words[: rng.randint(8, 12)]).rstrip(",;:")
    elif kind == "shuffled":
        order = paragraphs[:]
        while order == paragraphs and len(paragraphs) > 1:
            rng.shuffle(order)
        copy["body"] = "\n".join(order)
    elif kind == "writethrough":
        changed = change_figure(message, rng)
        if changed is None:
            return None
        copy = changed
    if kind != "writethrough":
        copy["source"] = rng.choice([o for o in OUTLETS if o != message["source"]])
    copy["id"] = f"{message['id']}--{kind}{index}"
    delay = timedelta(minutes=rng.randint(30, 600))
    copy["published_at"] = format_timestamp(parse_timestamp(message["published_at"]) + delay)
    return copy


def build() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The article stream in time order and its gold labels."""
    rng = random.Random(SEED)
    seeds = load(GOLD / "seeds.articles.jsonl")
    originals = seeds + place_composed(load(GOLD / "composed.articles.jsonl"))
    first_seed = min(seeds, key=lambda m: m["published_at"])["id"]
    story = {m["id"]: first_seed if m in seeds else STORY_OF.get(m["id"], m["id"]) for m in originals}
    articles = list(originals)
    gold = {
        m["id"]: {"article_id": m["id"], "story_id": story[m["id"]], "duplicate_of": None, "is_new_version": False}
        for m in originals
    }
    for message in originals:
        kinds = rng.sample(KINDS, rng.randint(2, 3))
        for index, kind in enumerate(kinds):
            copy = derive(message, kind, index, rng)
            if copy is None:
                continue
            validate("articles", copy)
            articles.append(copy)
            gold[copy["id"]] = {
                "article_id": copy["id"],
                "story_id": story[message["id"]],
                "duplicate_of": message["id"],
                "is_new_version": kind == "writethrough",
            }
    articles.sort(key=lambda m: (m["published_at"], m["id"]))
    return articles, [gold[m["id"]] for m in articles]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    """One JSON object per line."""
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    articles, clusters = build()
    write_jsonl(HERE / "articles.jsonl", articles)
    write_jsonl(HERE / "clusters.jsonl", clusters)
    copies = sum(1 for c in clusters if c["duplicate_of"])
    print(f"{len(articles)} articles ({copies} copies, {len({c['story_id'] for c in clusters})} stories)")


if __name__ == "__main__":
    main()
