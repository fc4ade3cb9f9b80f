"""Retention: which claim keys leave the table, by publication day against the partition's clock."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.claims import retention

WALL = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def test_day_of_counts_whole_utc_days_from_a_datetime_or_a_timestamp() -> None:
    assert retention.day_of("1970-01-02T00:00:00Z") == 1
    assert retention.day_of("2026-03-02T23:59:59Z") == retention.day_of(datetime(2026, 3, 2, tzinfo=UTC))
    assert retention.day_of("2026-03-03T00:30:00+01:00") == retention.day_of("2026-03-02T12:00:00Z")


def test_a_key_is_touched_only_by_a_later_day() -> None:
    day = retention.day_of("2026-03-02T08:00:00Z")
    assert retention.touched_day(None, "2026-03-02T08:00:00Z") == day
    assert retention.touched_day(day, "2026-03-02T20:00:00Z") is None  # same day: no write
    assert retention.touched_day(day, "2026-02-20T08:00:00Z") is None  # an older article: no write
    assert retention.touched_day(day, "2026-03-03T01:00:00Z") == day + 1


def test_the_clock_is_held_back_to_the_wall_clocks_next_day() -> None:
    assert retention.clock_day("2026-03-02T08:00:00Z", WALL) == retention.day_of("2026-03-02T08:00:00Z")
    # An article dated years ahead must not retire the whole table.
    assert retention.clock_day("2031-01-01T00:00:00Z", WALL) == retention.day_of(WALL) + 1


def test_keys_untouched_for_more_than_the_retention_expire_in_key_order() -> None:
    clock = 20_000
    touched = [("b", clock - 31), ("a", clock - 40), ("kept", clock - 30), ("fresh", clock)]
    assert retention.expired_keys(touched, clock, 30) == ["a", "b"]
    assert retention.expired_keys(touched, clock, 30.5) == ["a", "b"]
    assert retention.expired_keys(touched, clock, 40) == []


def test_zero_days_keeps_every_key() -> None:
    assert retention.expired_keys([("a", 0)], 20_000, 0) == []
    assert not retention.is_expired(0, 20_000, 0)


def test_nothing_expires_when_everything_is_within_the_retention() -> None:
    """Outputs stay byte-identical when nothing is older than the window: no key is deleted."""
    clock = retention.day_of("2026-03-10T00:00:00Z")
    touched = [(f"k{i}", clock - i) for i in range(31)]
    assert retention.expired_keys(touched, clock, 30) == []
