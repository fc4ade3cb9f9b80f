"""Ingest: raw bytes from the articles topic in, a valid Article or a Rejection out.

The core (`parse_article`) is pure; the Faust agent in `pipeline.stream.app` consumes raw bytes so that
a bad message reaches this code instead of crashing the agent in the deserializer, and sends each
Rejection to articles.dlq with the original bytes.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from pipeline import schemas

RejectReason = Literal[
    "not_utf8",
    "not_json",
    "not_an_object",
    "schema_violation",
    "empty_body",
    "too_large",
    "extraction_budget",
    "processing_error",
]


@dataclass(frozen=True)
class Article:
    """One article as a newsroom system published it."""

    id: str
    source: str
    published_at: datetime
    headline: str
    body: str
    url: str | None = None
    language: str | None = None
    slug: str | None = None
    version: int | None = None

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> Article:
        """Build from an `articles` message that has been validated."""
        return cls(
            id=message["id"],
            source=message["source"],
            published_at=parse_timestamp(message["published_at"]),
            headline=message["headline"],
            body=message["body"],
            url=message.get("url"),
            language=message.get("language"),
            slug=message.get("slug"),
            version=message.get("version"),
        )

    def to_message(self) -> dict[str, Any]:
        """The `articles` message form."""
        message: dict[str, Any] = {
            "schema_version": schemas.SCHEMA_VERSION,
            "id": self.id,
            "source": self.source,
            "published_at": format_timestamp(self.published_at),
            "headline": self.headline,
            "body": self.body,
        }
        for name in ("url", "language", "slug", "version"):
            if getattr(self, name) is not None:
                message[name] = getattr(self, name)
        return message

    @property
    def text(self) -> str:
        """Headline and body as one text, the headline as its first paragraph."""
        return f"{self.headline}\n\n{self.body}" if self.headline else self.body


@dataclass(frozen=True)
class Rejection:
    """An input message that cannot be processed, and why."""

    reason: RejectReason
    detail: str


def parse_timestamp(value: str) -> datetime:
    """RFC 3339 text to an aware datetime (UTC when the text says Z)."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def format_timestamp(value: datetime) -> str:
    """An aware datetime as RFC 3339 text in UTC, e.g. 2026-02-05T09:30:00Z."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _reject_non_finite(token: str) -> float:
    raise ValueError(f"{token} is not a JSON number")


def _finite_float(token: str) -> float:
    value = float(token)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"number {token[:40]} is out of range")
    return value


def parse_article(raw: bytes | None, max_bytes: int) -> Article | Rejection:
    """Decode and validate one message value from the articles topic."""
    if raw is None or len(raw) == 0:
        return Rejection("not_json", "the message value is empty (0 bytes); expected a UTF-8 JSON object")
    if len(raw) > max_bytes:
        return Rejection(
            "too_large", f"the message is {len(raw)} bytes; the limit is {max_bytes} (WIRETALLY_MAX_ARTICLE_BYTES)"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Rejection("not_utf8", f"byte {exc.start} is not valid UTF-8 ({exc.reason}); expected UTF-8 JSON")
    try:
        message = json.loads(text, parse_constant=_reject_non_finite, parse_float=_finite_float)
    except RecursionError:
        return Rejection("not_json", "JSON is nested too deeply to parse")
    except ValueError as exc:
        return Rejection("not_json", f"not valid JSON: {exc}"[:500])
    if not isinstance(message, dict):
        return Rejection("not_an_object", f"expected a JSON object, got {type(message).__name__}")
    if isinstance(message.get("body"), str) and not message["body"].strip():
        return Rejection("empty_body", "field 'body' is empty or blank; an article needs text")
    try:
        schemas.validate("articles", message)
    except schemas.SchemaError as exc:
        return Rejection("schema_violation", f"field {exc.path}: {exc.message}")
    except RecursionError:
        return Rejection("schema_violation", "JSON is nested too deeply to validate")
    for name, value in message.items():
        # Valid UTF-8 JSON can still escape an unpaired surrogate (\ud83d), which no UTF-8 text can hold.
        if isinstance(value, str) and not _encodes_as_utf8(value):
            return Rejection("not_utf8", f"field {name!r} has an unpaired surrogate escape; expected Unicode text")
    article = Article.from_message(message)
    try:
        format_timestamp(article.published_at)
    except (OverflowError, ValueError):
        return Rejection("schema_violation", f"field /published_at: {message['published_at']!r} is out of range in UTC")
    return article


def _encodes_as_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def dead_letter(
    raw: bytes | None, rejection: Rejection, topic: str, partition: int, offset: int, keep_bytes: int, now: datetime
) -> dict[str, Any]:
    """The articles.dlq message for a rejected input: original bytes (up to keep_bytes), origin and reason."""
    raw = raw or b""
    kept = raw[:keep_bytes]
    message = {
        "schema_version": schemas.SCHEMA_VERSION,
        "id": f"{topic}/{partition}/{offset}",
        "reason": rejection.reason,
        "detail": rejection.detail,
        "original_base64": base64.b64encode(kept).decode("ascii"),
        "original_truncated": len(kept) < len(raw),
        "original_size_bytes": len(raw),
        "topic": topic,
        "partition": partition,
        "offset": offset,
        "rejected_at": format_timestamp(now),
    }
    schemas.validate("articles.dlq", message)
    return message
