"""The read API's pure core: parse a /claims or /updates query, select and sort table entries.

The worker's web views call these; anything malformed is a reason string, answered with a 400.
Every query has a scope: `all` (the default) answers for the whole table, asking the other workers;
`local` answers for this worker's own partitions only, and is what a worker asks the others with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast, get_args

from pipeline.claims import ChangeKind

Scope = Literal["all", "local"]
SCOPE_PARAMETER = "scope"
ALLOWED_PARAMETERS = ("entity", "measure", "kind", "limit", SCOPE_PARAMETER)
UPDATES_PARAMETERS = ("limit", SCOPE_PARAMETER)
MAX_LIMIT = 1000
MAX_PARAMETER_LENGTH = 200
# Recent updates and contradictions each worker keeps, and the most GET /updates returns.
MAX_UPDATES = 200


@dataclass(frozen=True)
class ClaimsQuery:
    """Filters of GET /claims: all optional, matched case-insensitively."""

    entity: str | None = None
    measure: str | None = None
    kind: ChangeKind | None = None
    limit: int = 200
    scope: Scope = "all"


@dataclass(frozen=True)
class UpdatesQuery:
    """GET /updates: how many of the newest, and for which workers' partitions."""

    limit: int = MAX_UPDATES
    scope: Scope = "all"


def _check_parameters(params: Mapping[str, str], allowed: tuple[str, ...]) -> str | None:
    """A reason why these parameters are not acceptable, or None."""
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        return f"unknown parameter {unknown[0][:50]!r}; allowed: {', '.join(allowed)}"
    for name, value in params.items():
        if len(value) > MAX_PARAMETER_LENGTH:
            return f"parameter {name!r} is longer than {MAX_PARAMETER_LENGTH} characters"
        if any(ord(ch) < 32 for ch in value):
            return f"parameter {name!r} contains control characters"
    scope = params.get(SCOPE_PARAMETER, "all")
    if scope not in get_args(Scope):
        return f"scope must be one of {', '.join(get_args(Scope))}"
    return None


def _parse_limit(params: Mapping[str, str], default: int, most: int) -> int | str:
    limit_text = params.get("limit", str(default))
    if not limit_text.isdigit() or not 1 <= int(limit_text) <= most:
        return f"limit must be a whole number from 1 to {most}"
    return int(limit_text)


def parse_claims_query(params: Mapping[str, str]) -> ClaimsQuery | str:
    """A ClaimsQuery, or a reason why the query string is not one."""
    reason = _check_parameters(params, ALLOWED_PARAMETERS)
    if reason is not None:
        return reason
    kind = params.get("kind") or None
    if kind is not None and kind not in get_args(ChangeKind):
        return f"kind must be one of {', '.join(get_args(ChangeKind))}"
    limit = _parse_limit(params, 200, MAX_LIMIT)
    if isinstance(limit, str):
        return limit
    return ClaimsQuery(
        entity=(params.get("entity") or None),
        measure=(params.get("measure") or None),
        kind=cast(ChangeKind | None, kind),
        limit=limit,
        scope=cast(Scope, params.get(SCOPE_PARAMETER, "all")),
    )


def parse_updates_query(params: Mapping[str, str]) -> UpdatesQuery | str:
    """An UpdatesQuery, or a reason why the query string is not one."""
    reason = _check_parameters(params, UPDATES_PARAMETERS)
    if reason is not None:
        return reason
    limit = _parse_limit(params, MAX_UPDATES, MAX_UPDATES)
    if isinstance(limit, str):
        return limit
    return UpdatesQuery(limit=limit, scope=cast(Scope, params.get(SCOPE_PARAMETER, "all")))


def local_parameters(params: Mapping[str, str]) -> dict[str, str]:
    """The same query for another worker, answering for its own partitions only (it never asks further)."""
    return {**params, SCOPE_PARAMETER: "local"}


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


def parse_key_query(params: Mapping[str, str]) -> Scope | str:
    """The scope of GET /claims/{key} (its only parameter), or a reason why the query string is not one."""
    reason = _check_parameters(params, (SCOPE_PARAMETER,))
    if reason is not None:
        return reason
    return cast(Scope, params.get(SCOPE_PARAMETER, "all"))
