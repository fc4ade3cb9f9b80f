"""The message shapes: loads schemas/*.json once and validates against them.

schemas/ is the only definition of a message's shape; this module holds no copy of one.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

import jsonschema
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMA_VERSION = 1

SchemaName = Literal[
    "common",
    "articles",
    "articles.dlq",
    "articles.accepted",
    "articles.deduped",
    "dedup",
    "dedup.route",
    "figures",
    "updates",
    "alerts",
    "claim-entry",
]


class SchemaError(ValueError):
    """A message does not match its schema; `path` says where."""

    def __init__(self, schema: str, path: str, message: str) -> None:
        super().__init__(f"{schema}: at {path}: {message}")
        self.schema = schema
        self.path = path
        self.message = message


def schema_dir() -> Path:
    """Where the schema files live: schemas/ beside the package, or inside it when installed."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "schemas", here / "schemas"):
        if (candidate / "common.json").is_file():
            return candidate
    raise FileNotFoundError(f"no schemas/ directory next to {here}")


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, dict[str, Any]], Registry]:
    schemas: dict[str, dict[str, Any]] = {}
    for path in sorted(schema_dir().glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        schemas[path.stem] = schema
    registry: Registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return schemas, registry


def load_all() -> dict[str, dict[str, Any]]:
    """Every schema by name (file stem), each checked against the 2020-12 meta-schema."""
    return dict(_load()[0])


@cache
def validator(name: SchemaName) -> Draft202012Validator:
    """A validator for the named schema, with cross-file $refs resolved."""
    schemas, registry = _load()
    if name not in schemas:
        raise KeyError(f"no schema named {name!r}; have {sorted(schemas)}")
    return Draft202012Validator(schemas[name], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate(name: SchemaName, message: Any) -> None:
    """Raise SchemaError naming the first (most relevant) violation."""
    error = jsonschema.exceptions.best_match(validator(name).iter_errors(message))
    if error is not None:
        path = "/" + "/".join(str(p) for p in error.absolute_path)
        raise SchemaError(name, path, error.message[:500])


def is_valid(name: SchemaName, message: Any) -> bool:
    """True when the message matches the named schema."""
    return validator(name).is_valid(message)
