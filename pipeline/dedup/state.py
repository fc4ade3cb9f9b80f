"""The dedup state: `DedupState`, its keys (article refs, epoch seconds) and its size in bytes.

All state lives in the plain mappings of `DedupState` (dicts offline, Faust tables in the
stream); every value is JSON and is written back whole, never mutated in place, so a table
sees each change.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

JsonMap = MutableMapping[str, Any]


@dataclass(frozen=True)
class DedupState:
    """Every piece of dedup state, each a mapping with str keys and JSON values."""

    signatures: JsonMap = field(default_factory=dict)  # article ref -> near-dup record
    bands: JsonMap = field(default_factory=dict)  # band key -> article refs (partitionable by key)
    stories: JsonMap = field(default_factory=dict)  # story ref -> centroid record
    postings: JsonMap = field(default_factory=dict)  # term -> story refs whose centroid ranks it high
    # hashed terms' document counts, in 256 chunks plus a delta per article (dedup.frequencies)
    document_frequencies: JsonMap = field(default_factory=dict)
    timeline: JsonMap = field(default_factory=dict)  # minute bucket -> refs to check at expiry
    meta: JsonMap = field(default_factory=dict)  # documents seen, oldest live minute bucket per kind
    members: JsonMap = field(default_factory=dict)  # article ref -> [story ref, outlets counted]: commits applied

    def mappings(self) -> dict[str, JsonMap]:
        """The mappings by name."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def article_ref(article_id: str) -> str:
    """A short stable key for an article id (48 bits: no collision expected below ~10M live ids)."""
    digest = hashlib.blake2b(article_id.encode("utf-8"), digest_size=6).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")


def epoch(moment: datetime) -> int:
    """Whole seconds since the Unix epoch: how times are kept in state and messages."""
    return int(moment.timestamp())


def json_size(value: Any) -> int:
    """Bytes of a value as compact JSON; a list of plain strings (the band index) is counted without encoding."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return 2 + sum(len(v) + 2 for v in value) + max(0, len(value) - 1)
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


def state_bytes(state: DedupState) -> dict[str, int]:
    """JSON bytes (keys and values) held in each state mapping: what a table with json values stores."""
    return {
        name: sum(len(key) + json_size(value) for key, value in mapping.items())
        for name, mapping in state.mappings().items()
    }
