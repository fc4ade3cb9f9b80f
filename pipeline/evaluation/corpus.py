"""Reading articles from files: JSONL in the articles shape, or text files (seeds/ style).

A text file's body is its text. When the folder holds a `seeds.json`, it gives each file's id,
source, published_at and headline; otherwise the file name is the id, the folder name the source,
and the file's modification time the publication time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline import schemas
from pipeline.ingest import Article, format_timestamp

METADATA_FILE = "seeds.json"


class CorpusError(ValueError):
    """An input file cannot be read as articles; the message names the file and line."""


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Each non-blank line of a JSONL file as a dict, or CorpusError naming the line."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                raise CorpusError(f"{path}:{number}: not valid JSON: {exc}") from exc
            if not isinstance(value, dict):
                raise CorpusError(f"{path}:{number}: expected a JSON object per line")
            yield value


def articles_from_jsonl(path: Path) -> Iterator[Article]:
    """Articles from a JSONL file, each validated against the articles schema."""
    for number, message in enumerate(read_jsonl(path), start=1):
        message.setdefault("schema_version", schemas.SCHEMA_VERSION)
        try:
            schemas.validate("articles", message)
        except schemas.SchemaError as exc:
            raise CorpusError(f"{path}: article {number}: {exc}") from exc
        yield Article.from_message(message)


def _metadata(folder: Path) -> dict[str, dict[str, Any]]:
    meta_path = folder / METADATA_FILE
    if not meta_path.is_file():
        return {}
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return {entry["file"]: entry for entry in meta.get("articles", [])}


def article_from_text(path: Path, meta: dict[str, Any] | None = None) -> Article:
    """One text file as an Article, with metadata from seeds.json when given."""
    body = path.read_text(encoding="utf-8").strip()
    if not body:
        raise CorpusError(f"{path}: the file is empty")
    meta = meta or {}
    published = meta.get("published_at") or format_timestamp(
        datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0)
    )
    message = {
        "schema_version": schemas.SCHEMA_VERSION,
        "id": meta.get("id", path.stem),
        "source": meta.get("source", path.parent.name or "local"),
        "published_at": published,
        "headline": meta.get("headline", ""),
        "body": body,
    }
    schemas.validate("articles", message)
    return Article.from_message(message)


def load_articles(paths: Iterable[Path]) -> list[Article]:
    """Articles from files and folders (*.txt, *.jsonl), in the order given, folders sorted by name."""
    articles: list[Article] = []
    for path in paths:
        if path.is_dir():
            meta = _metadata(path)
            for child in sorted(path.iterdir()):
                if child.suffix == ".jsonl":
                    articles.extend(articles_from_jsonl(child))
                elif child.suffix == ".txt":
                    articles.append(article_from_text(child, meta.get(child.name)))
        elif path.suffix == ".jsonl":
            articles.extend(articles_from_jsonl(path))
        elif path.is_file():
            articles.append(article_from_text(path, _metadata(path.parent).get(path.name)))
        else:
            raise CorpusError(f"{path}: no such file or folder")
    return articles


def by_publication(articles: Iterable[Article]) -> list[Article]:
    """Articles in published_at order (ties by id), as a replay sends them."""
    return sorted(articles, key=lambda a: (a.published_at, a.id))
