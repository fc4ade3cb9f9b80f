"""The read API's pure core: parse a /claims query, select and sort table entries.

The worker's web views call these; anything malformed is a reason string, answered with a 400.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast, get_args

from pipeline.claims import ChangeKind

ALLOWED_PARAMETERS = ("entity", "measure", "kind", "limit")
MAX_LIMIT = 1000
MAX_PARAMETER_LENGTH = 200


@dataclass(frozen=True)
class ClaimsQuery:
    """Filters of GET /claims: all optional, matched case-insensitively."""

    entity: str | None = None
    measure: str | None = None
    kind: ChangeKind | None = None
    limit: int = 200


def parse_claims_query(params: Mapping[str, str]) -> ClaimsQuery | str:
    """A ClaimsQuery, or a reason why the query string is not one."""
    unknown = sorted(set(params) - set(ALLOWED_PARAMETERS))
    if unknown:
        return f"unknown parameter {unknown[0][:50]!r}; allowed: {', '.join(ALLOWED_PARAMETERS)}"
    for name, value in params.items():
        if len(value) > MAX_PARAMETER_LENGTH:
            return f"parameter {name!r} is longer than {MAX_PARAMETER_LENGTH} characters"
        if any(ord(ch) < 32 for ch in value):
            return f"parameter {name!r} contains control characters"
    kind = params.get("kind") or None
    if kind is not None and kind not in get_args(ChangeKind):
        return f"kind must be one of {', '.join(get_args(ChangeKind))}"
    limit_text = params.get("limit", "200")
    if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LIMIT:
        return f"limit must be a whole number from 1 to {MAX_LIMIT}"
    return ClaimsQuery(
        entity=(params.get("entity") or None),
        measure=(params.get("measure") or None),
        kind=cast(ChangeKind | None, kind),
        limit=int(limit_text),
    )


def _matches(entry: Mapping[str, Any], query: ClaimsQuery) -> bool:
    if query.measure and query.measure.casefold() != str(entry.get("measure", "")).casefold():
        return False
    if query.kind and entry.get("last_change") != query.kind:
        return False
    if query.entity:
        needle = query.entity.casefold()
        latest = entry.get("latest") or {}
        haystack = " ".join(
            str(x)
            for x in (entry.get("subject"), entry.get("location"), latest.get("attributed_to"), entry.get("key"))
            if x
        )
        if needle not in haystack.casefold():
            return False
    return True


def select_entries(entries: Iterable[Mapping[str, Any]], query: ClaimsQuery) -> list[dict[str, Any]]:
    """Entries matching the query, most recently changed first, at most query.limit."""
    chosen = [dict(e) for e in entries if e is not None and _matches(e, query)]
    chosen.sort(key=lambda e: (e.get("last_seen", ""), e.get("key", "")), reverse=True)
    return chosen[: query.limit]
