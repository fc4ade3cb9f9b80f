"""Sanity checks on the hand-annotated gold files in tests/gold/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.schemas import validate

GOLD = Path(__file__).resolve().parents[1] / "gold"
PAIRS = [("seeds.articles.jsonl", "seeds.figures.jsonl"), ("composed.articles.jsonl", "composed.figures.jsonl")]

FIELDS = {
    "article_id",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "currency",
    "measure",
    "subject",
    "location",
    "attributed_to",
    "as_of",
    "scope",
    "period",
    "change",
    "key_group",
}
QUALIFIERS = {"exact", "approx", "at_least", "more_than", "at_most", "less_than", "range"}
UNITS = {"count", "percent", "currency", "temperature", "distance", "area", "other"}
SCOPES = {"cumulative", "period", "point"}
CHANGES = {None, "up", "down"}
AS_OF = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _lines(name: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("articles_file,figures_file", PAIRS)
def test_articles_validate_and_ids_unique(articles_file: str, figures_file: str) -> None:
    articles = _lines(articles_file)
    assert articles
    for message in articles:
        validate("articles", message)
    ids = [m["id"] for m in articles]
    assert len(ids) == len(set(ids))


def test_counts() -> None:
    assert len(_lines("seeds.articles.jsonl")) == 5
    assert len(_lines("composed.articles.jsonl")) == 20


def test_article_ids_unique_across_files() -> None:
    ids = [m["id"] for a, _ in PAIRS for m in _lines(a)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("articles_file,figures_file", PAIRS)
def test_figures(articles_file: str, figures_file: str) -> None:
    articles = {m["id"]: m for m in _lines(articles_file)}
    figures = _lines(figures_file)
    assert figures
    per_text: dict[tuple[str, str], int] = {}
    for f in figures:
        where = f"{f.get('article_id')}: {f.get('text')!r}"
        assert set(f) == FIELDS, where
        assert f["article_id"] in articles, where
        art = articles[f["article_id"]]
        assert isinstance(f["text"], str) and f["text"], where
        assert f["text"] in art["headline"] or f["text"] in art["body"], where
        per_text[(f["article_id"], f["text"])] = per_text.get((f["article_id"], f["text"]), 0) + 1
        assert isinstance(f["value"], (int, float)) and not isinstance(f["value"], bool), where
        assert f["qualifier"] in QUALIFIERS, where
        assert f["unit"] in UNITS, where
        assert f["scope"] in SCOPES, where
        assert f["change"] in CHANGES, where
        assert AS_OF.match(f["as_of"]), where
        assert isinstance(f["measure"], str) and f["measure"] and f["measure"] == f["measure"].lower(), where
        assert isinstance(f["key_group"], str) and f["key_group"], where
        for field in ("subject", "location", "attributed_to", "period"):
            assert f[field] is None or (isinstance(f[field], str) and f[field]), where
        if f["unit"] == "currency":
            assert isinstance(f["currency"], str) and re.fullmatch(r"[A-Z]{3}", f["currency"]), where
        else:
            assert f["currency"] is None, where
        if f["qualifier"] == "range":
            assert f["low"] is not None and f["high"] is not None, where
        if f["low"] is not None or f["high"] is not None:
            assert f["low"] is not None and f["high"] is not None, where
            assert f["low"] <= f["high"], where
            assert f["value"] == f["low"], where
        if f["scope"] == "period":
            assert f["period"], where
    # each line is one occurrence: never more lines for a text than places it occurs
    for (article_id, text), n in per_text.items():
        art = articles[article_id]
        occurrences = art["headline"].count(text) + art["body"].count(text)
        assert n <= occurrences, f"{article_id}: {text!r} annotated {n}x, occurs {occurrences}x"


def test_key_groups_span_articles() -> None:
    figures = _lines("seeds.figures.jsonl") + _lines("composed.figures.jsonl")
    spans: dict[str, set[str]] = {}
    for f in figures:
        spans.setdefault(f["key_group"], set()).add(f["article_id"])
    assert len(spans["ua-mil-deaths-cum"]) == 5
    assert any(len(ids) > 1 for key, ids in spans.items() if not key.startswith("ua-"))


@pytest.mark.parametrize(
    "name",
    [
        "bank",
        "brazilfloods",
        "cholera",
        "collapse",
        "dengue",
        "ebola",
        "ferry",
        "flood",
        "greece",
        "heatwave",
        "hurricane",
        "landslide",
        "mine",
        "portstrike",
        "quake",
        "results",
        "strike",
        "train",
        "typhoon",
        "ukraine",
        "war",
        "wildfire",
    ],  # fmt: skip
)
def test_invented_storylines_validate_and_their_events_follow_their_articles(name: str) -> None:
    articles = _lines(f"storylines/{name}.articles.jsonl")
    for article in articles:
        validate("articles", article)
    order = [a["id"] for a in sorted(articles, key=lambda a: (a["published_at"], a["id"]))]
    for event in _lines(f"storylines/{name}.events.jsonl"):
        assert event["kind"] in ("update", "contradiction")
        # an event follows an earlier article, or the article's own older figure ("May 2.5%, June 2.7%")
        assert event["after_article_id"] in order, event
        assert event["old_value"] != event["new_value"]


@pytest.mark.parametrize("name", ["collapse", "dengue", "flood", "greece", "portstrike", "train", "typhoon", "ukraine"])
def test_invented_storyline_claims_quote_their_articles(name: str) -> None:
    """The storylines annotated figure by figure (wire_dev's claim format, for its score.py) quote their bodies."""
    bodies = {a["id"]: a["body"] for a in _lines(f"storylines/{name}.articles.jsonl")}
    claims = _lines(f"storylines/{name}.claims.jsonl")
    assert claims
    for claim in claims:
        assert claim["text"] in bodies[claim["article_id"]], claim
        assert claim["key"].count("/") >= 1 and claim["measure"], claim
