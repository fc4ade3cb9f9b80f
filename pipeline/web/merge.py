"""The whole table from any worker: merge the workers' answers for their own partitions into one.

Each worker answers a `scope=local` request from the partitions it holds, and says which
partitions those are; the worker that was asked for the whole table merges its own answer with
the others'. Merging is deterministic (the same answers in any order give the same result), so
every worker gives the same answer. Partitions nobody answered for, and workers that did not
answer, make the result partial rather than an error. Pure: answers in, one answer out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.web.api import ClaimsQuery, select_entries


@dataclass(frozen=True)
class LocalAnswer:
    """One worker's answer for its own partitions: the claims entries or updates, and which partitions."""

    worker: str
    items: list[dict[str, Any]]
    partitions: frozenset[int]

    def to_message(self, field: str) -> dict[str, Any]:
        """The JSON body of a scope=local answer; `field` is `claims` or `updates`."""
        return {field: self.items, "partitions": sorted(self.partitions), "worker": self.worker}


@dataclass(frozen=True)
class Coverage:
    """Whether a merged answer covers every partition, and if not, what is missing."""

    missing_partitions: tuple[int, ...] = ()
    unanswered_workers: tuple[str, ...] = ()

    @property
    def partial(self) -> bool:
        """True when some partition or worker is missing from the answer."""
        return bool(self.missing_partitions or self.unanswered_workers)

    def to_message(self) -> dict[str, Any]:
        """The fields a scope=all answer carries: `partial`, and what is missing when it is."""
        message: dict[str, Any] = {"partial": self.partial}
        if self.partial:
            message["missing_partitions"] = list(self.missing_partitions)
            message["unanswered_workers"] = list(self.unanswered_workers)
        return message


def parse_local_answer(worker: str, document: Any, field: str) -> LocalAnswer | None:
    """A worker's scope=local JSON answer as a LocalAnswer, or None when it is not one."""
    if not isinstance(document, Mapping):
        return None
    items, partitions = document.get(field), document.get("partitions")
    if not isinstance(items, list) or not all(isinstance(item, Mapping) for item in items):
        return None
    if not isinstance(partitions, list) or not all(isinstance(p, int) and p >= 0 for p in partitions):
        return None
    return LocalAnswer(worker, [dict(item) for item in items], frozenset(partitions))


def own_entries(
    entries: Iterable[Mapping[str, Any] | None], partition_of: Callable[[str], int], partitions: Collection[int]
) -> list[Mapping[str, Any]]:
    """The entries whose claim key hashes to one of these partitions (a standby copy of another's is left out)."""
    return [e for e in entries if e is not None and partition_of(str(e.get("key", ""))) in partitions]


def coverage(answers: Iterable[LocalAnswer], unanswered_workers: Iterable[str], partitions: int) -> Coverage:
    """Which of the partitions 0..partitions-1 no answer covered, and which workers did not answer."""
    covered: set[int] = set()
    for answer in answers:
        covered |= answer.partitions
    missing = tuple(p for p in range(partitions) if p not in covered)
    return Coverage(missing, tuple(sorted(set(unanswered_workers))))


def _canonical(item: Mapping[str, Any]) -> str:
    return json.dumps(item, sort_keys=True, default=str)


def merge_claims(answers: Iterable[LocalAnswer], query: ClaimsQuery) -> list[dict[str, Any]]:
    """Every worker's entries as one /claims answer: one entry per key, most recently changed first.

    A key normally comes from one worker only (each answers for its own partitions); during a
    rebalance two may both have it, and the more recently changed entry wins (then the greater
    JSON text, so that the choice does not depend on the order the answers arrived in).
    """
    by_key: dict[str, dict[str, Any]] = {}
    for answer in answers:
        for entry in answer.items:
            key = str(entry.get("key", ""))
            known = by_key.get(key)
            if known is None or (str(entry.get("last_seen", "")), _canonical(entry)) > (
                str(known.get("last_seen", "")),
                _canonical(known),
            ):
                by_key[key] = entry
    return select_entries(by_key.values(), query)


def merge_updates(answers: Iterable[LocalAnswer], limit: int) -> list[dict[str, Any]]:
    """Every worker's recent updates as one /updates answer: newest first, each id once, at most `limit`.

    Ids are deterministic, so an update two workers both saw (its partition moved between them) is
    the same message; it is kept once. Ordered by emitted_at, then id, both descending.
    """
    by_id: dict[str, dict[str, Any]] = {}
    for answer in answers:
        for update in answer.items:
            update_id = str(update.get("id", ""))
            known = by_id.get(update_id)
            if known is None or _canonical(update) > _canonical(known):
                by_id[update_id] = update
    ordered = sorted(by_id.values(), key=lambda u: (str(u.get("emitted_at", "")), str(u.get("id", ""))), reverse=True)
    return ordered[:limit]
