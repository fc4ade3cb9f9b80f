"""Retention: which claim keys have gone untouched long enough to leave the table.

A key is touched by each figure of it, on the day its article was published (event time, not the
wall clock: a replay of last month's copy retires the same keys as the live run did, whatever day
it runs). The clock is the newest publication day a partition has seen, held back to the wall
clock's tomorrow so that one article dated years ahead cannot retire the whole table. A key whose
last touch is more than `retention_days` whole days before the clock is retired: deleted from the
table (a tombstone on its changelog, which compaction then removes), and a later figure of it
starts the key afresh. Everything here is pure; the stream deletes what `expired_keys` names.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pipeline.ingest import parse_timestamp

DAY_SECONDS = 86_400


def day_of(moment: datetime | str) -> int:
    """Whole days since the Unix epoch (UTC) of a datetime or an RFC 3339 timestamp."""
    when = parse_timestamp(moment) if isinstance(moment, str) else moment
    return int(when.timestamp()) // DAY_SECONDS


def clock_day(newest_published: datetime | str, wall_clock: datetime) -> int:
    """A partition's retention clock: its newest publication day, at most the wall clock's next day."""
    return min(day_of(newest_published), day_of(wall_clock) + 1)


def touched_day(stored: int | None, published: datetime | str) -> int | None:
    """The key's new last-touched day after a figure published then, or None when it is unchanged."""
    day = day_of(published)
    return day if stored is None or day > stored else None


def is_expired(last_touched_day: int, clock: int, retention_days: float) -> bool:
    """True when a key last touched on that day is past retention at the clock (0 days: never)."""
    return retention_days > 0 and clock - last_touched_day > retention_days


def expired_keys(touched: Iterable[tuple[str, int]], clock: int, retention_days: float) -> list[str]:
    """The keys, of (key, last-touched day) pairs, that are past retention at the clock, in key order."""
    if retention_days <= 0:
        return []
    return sorted(key for key, day in touched if is_expired(day, clock, retention_days))
