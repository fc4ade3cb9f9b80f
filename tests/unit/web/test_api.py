"""Read API core: query parsing rejects what it should, selection filters and sorts."""

from __future__ import annotations

import pytest

from pipeline.web.api import ClaimsQuery, parse_claims_query, select_entries

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
