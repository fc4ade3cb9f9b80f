"""Schemas: every file is valid 2020-12, references resolve, and domain values match their shapes."""

from __future__ import annotations

import pytest

from pipeline import schemas


def test_every_schema_checks_and_has_an_id() -> None:
    loaded = schemas.load_all()
    assert {"articles", "articles.dlq", "figures", "updates", "alerts", "claim-entry"} <= set(loaded)
    for name, schema in loaded.items():
        assert schema["$id"] == f"urn:wiretally:{name}"


def test_cross_file_references_resolve() -> None:
    with pytest.raises(schemas.SchemaError) as info:
        schemas.validate("articles.accepted", {"schema_version": 1, "article": {"id": "x"}, "received_at": "now"})
    assert info.value.path.startswith("/")


def test_every_topic_message_carries_a_schema_version() -> None:
    for name in (
        "articles",
        "articles.dlq",
        "articles.accepted",
        "articles.deduped",
        "figures",
        "updates",
        "alerts",
        "claim-entry",
    ):
        assert "schema_version" in schemas.load_all()[name]["required"], name
