"""Build tests/gold/seeds.articles.jsonl from seeds/seeds.json and seeds/*.txt.

Each line is an `articles`-schema message: schema_version 1, id, source, published_at and
headline from seeds/seeds.json; body = the .txt file's text exactly, trailing whitespace stripped.

Run from the repo root:  .venv/bin/python tests/gold/build_seed_articles.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.schemas import SCHEMA_VERSION, validate  # noqa: E402

SEEDS = ROOT / "seeds"
OUT = Path(__file__).resolve().parent / "seeds.articles.jsonl"


def build() -> list[dict]:
    meta = json.loads((SEEDS / "seeds.json").read_text(encoding="utf-8"))
    messages = []
    for entry in meta["articles"]:
        body = (SEEDS / entry["file"]).read_text(encoding="utf-8").rstrip()
        message = {
            "schema_version": SCHEMA_VERSION,
            "id": entry["id"],
            "source": entry["source"],
            "published_at": entry["published_at"],
            "headline": entry["headline"],
            "body": body,
        }
        validate("articles", message)
        messages.append(message)
    return messages


def main() -> None:
    messages = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for message in messages:
            fh.write(json.dumps(message, ensure_ascii=False) + "\n")
    print(f"wrote {len(messages)} articles to {OUT}")


if __name__ == "__main__":
    main()
