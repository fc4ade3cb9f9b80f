"""Hand-made figures for the claims and alerts tests: invented stories, shaped as the extractor's messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pipeline import schemas
from pipeline.claims import Outcome, Policy, apply_figures, order_for_apply

NOW = datetime(2026, 2, 6, 12, 0, tzinfo=UTC)
POLICY = Policy(history_limit=50)
KEY = "ukraine-military|deaths|cumulative"


def figure(
    article_id: str,
    source: str,
    published_at: str,
    value: float,
    text: str,
    as_of: str,
    qualifier: str = "exact",
    *,
    key: str = KEY,
    start: int = 0,
    measure: str = "deaths",
    subject: str | None = "Ukraine / military",
    scope: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A figures.json message; the id derives from the article and the span, as the extractor's does."""
    message: dict[str, Any] = {
        "schema_version": 1,
        "id": f"{article_id}:{start}",
        "article_id": article_id,
        "source": source,
        "published_at": published_at,
        "text": text,
        "start": start,
        "end": start + len(text),
        "value": value,
        "low": None,
        "high": None,
        "qualifier": qualifier,
        "unit": "count",
        "measure": measure,
        "subject": subject,
        "location": "Ukraine",
        "attributed_to": "Volodymyr Zelensky",
        "as_of": as_of,
        "scope": scope or {"kind": "cumulative"},
        "key": key,
        "change": None,
        "vague": False,
        "received_at": published_at,
    }
    message.update(extra)
    schemas.validate("figures", message)
    return message


@dataclass(frozen=True)
class F:
    """One figure of an invented article: value, text, as-of and who said it; the key defaults to the story's."""

    value: float
    text: str
    as_of: str
    qualifier: str = "exact"
    who: str | None = None
    key: str | None = None
    scope: str | None = None
    low: float | None = None
    high: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def article(
    article_id: str,
    source: str,
    published_at: str,
    *figures: F,
    key: str = "quake|deaths",
    scope: str = "cumulative",
    version: int | None = None,
    **common: Any,
) -> list[dict[str, Any]]:
    """One article's figures, ordered and marked by `order_for_apply` as the extract agent sends them."""
    messages = []
    for index, f in enumerate(figures):
        the_key = f.key or key
        message = figure(
            article_id,
            source,
            published_at,
            f.value,
            f.text,
            f.as_of,
            f.qualifier,
            key=the_key,
            start=index * 100,
            measure=the_key.split("|")[1],
            subject=the_key.split("|")[0],
            scope={"kind": f.scope or scope},
            attributed_to=f.who,
            low=f.low,
            high=f.high,
            **common,
            **f.extra,
        )
        if version is not None:
            message["article_version"] = version
        messages.append(message)
    return order_for_apply(messages)


@dataclass
class Run:
    """What a stream of articles did: the table, each figure's outcome, and the updates messages sent."""

    table: dict[str, dict[str, Any]]
    outcomes: list[Outcome]
    updates: list[dict[str, Any]]

    def events(self) -> list[tuple[str, float, float]]:
        """(kind, old value, new value) of each update sent, in order."""
        return [(u["kind"], u["old"]["value"], u["new"]["value"]) for u in self.updates]

    def kinds(self) -> list[str]:
        """The outcome kind of each figure, in order."""
        return [o.kind for o in self.outcomes]


def replay(
    *articles: list[dict[str, Any]], policy: Policy = POLICY, table: dict[str, Any] | None = None, check: bool = True
) -> Run:
    """Apply articles' figures in the order given, as the claims agent does; messages and the table are schema-checked.

    `check=False` skips the schema checks (runs repeated over many orders, whose reference run is checked).
    """
    table = {} if table is None else table
    outcomes: list[Outcome] = []
    updates: list[dict[str, Any]] = []
    seen: set[str] = set()
    for figures in articles:
        for outcome in apply_figures(table, figures, policy, NOW):
            outcomes.append(outcome)
            assert outcome.explanation and "\n" not in outcome.explanation
            for message in outcome.messages:
                if message["id"] not in seen:
                    if check:
                        schemas.validate("updates", message)
                    seen.add(message["id"])
                    updates.append(message)
    for entry in table.values() if check else ():
        schemas.validate("claim-entry", entry)
    return Run(table, outcomes, updates)
