"""Ingest core: bytes in, an Article or a Rejection with a reason out."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from pipeline import schemas
from pipeline.ingest import Article, Rejection, dead_letter, parse_article

GOOD = {
    "schema_version": 1,
    "id": "afp-1",
    "source": "afp",
    "published_at": "2026-03-01T10:00:00+01:00",
    "headline": "Floods",
    "body": "Floods killed 12 people, officials said.",
}


def encode(message: object) -> bytes:
    return json.dumps(message).encode("utf-8")


def test_valid_article_round_trips() -> None:
    article = parse_article(encode(GOOD), max_bytes=10_000)
    assert isinstance(article, Article)
    assert article.published_at == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    message = article.to_message()
    schemas.validate("articles", message)
    assert message["published_at"] == "2026-03-01T09:00:00Z"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "not_json"),
        (b"\xff\xfe", "not_utf8"),
        (b'{"id": ', "not_json"),
        (b"[1, 2]", "not_an_object"),
        (b'{"value": 1e309}', "not_json"),
        (b'{"value": NaN}', "not_json"),
        (b"[" * 50_000 + b"]" * 50_000, "not_json"),
        (encode(dict(GOOD, body=" \n\t ")), "empty_body"),
        (encode({k: v for k, v in GOOD.items() if k != "source"}), "schema_violation"),
        (encode(dict(GOOD, published_at="yesterday")), "schema_violation"),
        (encode(dict(GOOD, schema_version=2)), "schema_violation"),
        (encode(dict(GOOD, extra="field")), "schema_violation"),
        (encode(dict(GOOD, body="x" * 200_000)), "too_large"),
    ],
)
def test_bad_input_is_rejected_with_its_reason(raw: bytes, reason: str) -> None:
    result = parse_article(raw, max_bytes=150_000)
    assert isinstance(result, Rejection)
    assert result.reason == reason
    assert result.detail


def test_schema_violation_says_where() -> None:
    result = parse_article(encode(dict(GOOD, published_at="yesterday")), max_bytes=10_000)
    assert isinstance(result, Rejection) and "/published_at" in result.detail


def test_dead_letter_keeps_the_original_bytes_and_origin() -> None:
    raw = b"\xff" * 10
    message = dead_letter(
        raw,
        Rejection("not_utf8", "byte 0"),
        "articles",
        3,
        41,
        keep_bytes=4,
        now=datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert message["id"] == "articles/3/41"
    assert message["original_size_bytes"] == 10 and message["original_truncated"] is True
    schemas.validate("articles.dlq", message)
