"""The extract stage's output values: a `Figure` (one claim about a count or an amount) and its `Scope`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pipeline import schemas

ScopeKind = Literal["cumulative", "period", "point"]


@dataclass(frozen=True)
class Scope:
    """cumulative (a running total), period (a count within start..end) or point (a level at as_of)."""

    kind: ScopeKind
    start: str | None = None
    end: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Figure:
    """One claim about a count or an amount in one article (the `figures` message)."""

    id: str
    article_id: str
    source: str
    published_at: str
    text: str
    start: int
    end: int
    sentence: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    currency: str | None
    unit_text: str | None
    measure: str
    subject: str | None
    location: str | None
    attributed_to: str | None
    as_of: str
    as_of_text: str | None
    scope: Scope
    key: str
    change: str | None
    vague: bool
    resolved: bool = True
    placed: bool = True  # its sentence names its place, or it needs none (an organisation's figure)
    article_version: int | None = None

    def to_message(self) -> dict[str, Any]:
        """The `figures` message form (without the dedup and received_at fields)."""
        message: dict[str, Any] = {
            "schema_version": schemas.SCHEMA_VERSION,
            "id": self.id,
            "article_id": self.article_id,
            "source": self.source,
            "published_at": self.published_at,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "currency": self.currency,
            "unit_text": self.unit_text,
            "measure": self.measure,
            "subject": self.subject,
            "location": self.location,
            "attributed_to": self.attributed_to,
            "as_of": self.as_of,
            "as_of_text": self.as_of_text,
            "scope": {
                "kind": self.scope.kind,
                "start": self.scope.start,
                "end": self.scope.end,
                "label": self.scope.label,
            },
            "key": self.key,
            "change": {"direction": self.change} if self.change else None,
            "vague": self.vague,
        }
        if not self.resolved:
            message["resolved"] = False
        if not self.placed:
            message["placed"] = False
        if self.article_version is not None:
            message["article_version"] = self.article_version
        return message
