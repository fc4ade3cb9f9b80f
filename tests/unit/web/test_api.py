"""Read API core: query parsing (filters, scope, /updates) rejects what it should, selection filters and sorts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline.web.api import (
    MAX_UPDATES,
    ClaimsQuery,
    UpdatesQuery,
    local_parameters,
    parse_claims_query,
    parse_key_query,
    parse_updates_query,
    select_entries,
)

ENTRIES = [
    {
        "key": "ukraine/military|deaths|cumulative",
        "measure": "deaths",
        "subject": "Ukraine / military",
        "location": None,
        "latest": {"attributed_to": "Volodymyr Zelensky"},
        "last_change": "update",
        "last_seen": "2026-02-05T10:00:00Z",
    },
    {
        "key": "russia/military|casualties|cumulative",
        "measure": "casualties",
        "subject": "Russia / military",
        "location": None,
        "latest": {"attributed_to": None},
        "last_change": "new",
        "last_seen": "2026-02-05T11:00:00Z",
    },
]


def test_empty_query_selects_all_most_recent_first() -> None:
    query = parse_claims_query({})
    assert isinstance(query, ClaimsQuery)
    assert [e["measure"] for e in select_entries(ENTRIES, query)] == ["casualties", "deaths"]


@pytest.mark.parametrize(
    ("params", "measures"),
    [
        ({"entity": "zelensky"}, ["deaths"]),
        ({"entity": "RUSSIA"}, ["casualties"]),
        ({"measure": "Deaths"}, ["deaths"]),
        ({"kind": "new"}, ["casualties"]),
        ({"limit": "1"}, ["casualties"]),
    ],
)
def test_filters(params: dict[str, str], measures: list[str]) -> None:
    query = parse_claims_query(params)
    assert isinstance(query, ClaimsQuery)
    assert [e["measure"] for e in select_entries(ENTRIES, query)] == measures


@pytest.mark.parametrize(
    "params",
    [
        {"bogus": "1"},
        {"kind": "explosion"},
        {"limit": "0"},
        {"limit": "-3"},
        {"limit": "1e9"},
        {"entity": "x" * 500},
        {"measure": "a\x00b"},
    ],
)
def test_malformed_queries_get_a_reason(params: dict[str, str]) -> None:
    reason = parse_claims_query(params)
    assert isinstance(reason, str) and reason


def test_scope_defaults_to_the_whole_table_and_local_is_asked_of_other_workers() -> None:
    assert parse_claims_query({}) == ClaimsQuery(scope="all")
    assert parse_claims_query({"scope": "local", "limit": "5"}) == ClaimsQuery(limit=5, scope="local")
    assert local_parameters({"entity": "nepal", "scope": "all"}) == {"entity": "nepal", "scope": "local"}
    assert parse_key_query({}) == "all" and parse_key_query({"scope": "local"}) == "local"


@pytest.mark.parametrize(
    ("parse", "params"),
    [
        (parse_claims_query, {"scope": "everything"}),
        (parse_updates_query, {"scope": "LOCAL"}),
        (parse_updates_query, {"limit": "201"}),
        (parse_updates_query, {"entity": "nepal"}),
        (parse_key_query, {"limit": "3"}),
        (parse_key_query, {"scope": ""}),
    ],
)
def test_malformed_scope_and_updates_queries_get_a_reason(parse: Callable[..., object], params: dict[str, str]) -> None:
    reason = parse(params)
    assert isinstance(reason, str) and reason


def test_updates_query_is_bounded_by_what_a_worker_keeps() -> None:
    assert parse_updates_query({}) == UpdatesQuery(limit=MAX_UPDATES, scope="all")
    assert parse_updates_query({"limit": "3", "scope": "local"}) == UpdatesQuery(limit=3, scope="local")
