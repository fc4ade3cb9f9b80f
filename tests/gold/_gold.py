"""Shared helper for the gold builders: one gold figure line in the contract's field order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOLD = Path(__file__).resolve().parent


def fig(
    article_id: str,
    text: str,
    value: float,
    measure: str,
    subject: str | None,
    location: str | None,
    attributed_to: str | None,
    as_of: str,
    scope: str,
    key_group: str,
    *,
    q: str = "exact",
    unit: str = "count",
    cur: str | None = None,
    low: float | None = None,
    high: float | None = None,
    period: str | None = None,
    change: str | None = None,
) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "text": text,
        "value": value,
        "low": low,
        "high": high,
        "qualifier": q,
        "unit": unit,
        "currency": cur,
        "measure": measure,
        "subject": subject,
        "location": location,
        "attributed_to": attributed_to,
        "as_of": as_of,
        "scope": scope,
        "period": period,
        "change": change,
        "key_group": key_group,
    }


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def annotator(article_id: str, **defaults: Any):
    """Return g(text, value, measure, key_group, **overrides) with per-article defaults for
    subject, location, attributed_to, as_of and scope (plus any fig() keyword)."""
    base = {"subject": None, "location": None, "attributed_to": None, "as_of": None, "scope": "point"}
    base.update(defaults)

    def g(text: str, value: float, measure: str, key_group: str, **kw: Any) -> dict[str, Any]:
        args = {**base, **kw}
        return fig(
            article_id,
            text,
            value,
            measure,
            args.pop("subject"),
            args.pop("location"),
            args.pop("attributed_to"),
            args.pop("as_of"),
            args.pop("scope"),
            key_group,
            **args,
        )

    return g
