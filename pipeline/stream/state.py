"""What the stream keeps beside the stage cores: named sections of one Faust table, and the ids already sent."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, MutableMapping
from typing import Any

from pipeline.stream import clients

# Messages per partition of updates/alerts read back after each partition assignment. Redelivery
# repeats only the inputs after the last offset commit (every few seconds), so their outputs are
# among the newest messages; ids beyond this many are forgotten, oldest first.
EMITTED_TAIL_MESSAGES = 10_000
EMITTED_IDS_KEPT = 100_000


class TableSection(MutableMapping[str, Any]):
    """One named mapping inside a Faust table: keys are stored as `name:key`.

    The dedup core keeps several mappings; one table (one changelog) holds them all. Values must
    be assigned, not mutated in place, for the change to reach the changelog.
    """

    def __init__(self, table: Any, name: str) -> None:
        self._table = table
        self._prefix = f"{name}:"

    def __getitem__(self, key: str) -> Any:
        value = self._table.get(self._prefix + key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        self._table[self._prefix + key] = value

    def __delitem__(self, key: str) -> None:
        full = self._prefix + key
        if full not in self._table:
            raise KeyError(key)
        del self._table[full]

    def __iter__(self) -> Iterator[str]:
        prefix = self._prefix
        return iter([k[len(prefix) :] for k in list(self._table.keys()) if k.startswith(prefix)])

    def __len__(self) -> int:
        return sum(1 for _ in self)


class EmittedIds:
    """Ids already on an output topic, so a redelivered input does not send the same id twice.

    At-least-once redelivers the inputs after the last committed offset, and their outputs may
    already be on the topic (sent; then the worker died before the commit, or before the claims
    table's changelog write). The topic itself is the record of what was sent: after each
    partition assignment the guard reads the topic's newest messages again before the next send.
    """

    def __init__(self, broker_url: str, topic: str) -> None:
        self.broker_url, self.topic = broker_url, topic
        self._ids: dict[str, None] = {}  # insertion-ordered: the oldest are dropped first
        self._stale = True
        self._lock = asyncio.Lock()

    def mark_stale(self) -> None:
        """Read the topic again before the next check (partitions were assigned)."""
        self._stale = True

    async def contains(self, message_id: str) -> bool:
        """True when a message with this id is on the topic (or was sent by this worker)."""
        if self._stale:
            async with self._lock:
                if self._stale:
                    found = await asyncio.get_running_loop().run_in_executor(
                        None, clients.read_recent_ids, self.broker_url, self.topic, EMITTED_TAIL_MESSAGES
                    )
                    for found_id in found:
                        self.add(found_id)
                    self._stale = False
        return message_id in self._ids

    def add(self, message_id: str) -> None:
        """Remember an id this worker sent."""
        self._ids[message_id] = None
        if len(self._ids) > EMITTED_IDS_KEPT:
            del self._ids[next(iter(self._ids))]
