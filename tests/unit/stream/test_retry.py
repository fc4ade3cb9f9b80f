"""The retry core behind writing dead letters: capped exponential backoff, never giving up, never retrying a cancel."""

from __future__ import annotations

import asyncio

import pytest

from pipeline.stream.retry import Backoff, until_done


class FlakySend:
    """A fake send that fails `failures` times, then returns what it was given."""

    def __init__(self, failures: int) -> None:
        self.failures_left = failures
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.failures_left:
            self.failures_left -= 1
            raise ConnectionError(f"refused #{self.calls}")
        return "sent"


class FakeClock:
    """Records the pauses instead of sleeping."""

    def __init__(self) -> None:
        self.pauses: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)


def test_delay_doubles_from_the_initial_pause_and_stops_at_the_cap() -> None:
    backoff = Backoff(initial_seconds=0.5, max_seconds=30.0)
    assert [backoff.delay_seconds(n) for n in range(1, 10)] == [0.5, 1, 2, 4, 8, 16, 30, 30, 30]


def test_delay_stays_at_the_cap_after_very_many_failures() -> None:
    """Days of failures: the doubling must not overflow a float (2.0 ** 1024)."""
    assert Backoff(0.5, 30.0).delay_seconds(10**6) == 30.0


def test_a_first_success_needs_no_pause_and_reports_no_failure() -> None:
    send, clock, seen = FlakySend(0), FakeClock(), []
    result = asyncio.run(until_done(send, Backoff(1, 8), lambda *a: seen.append(a), clock.sleep))
    assert result == ("sent", 0)
    assert send.calls == 1 and clock.pauses == [] and seen == []


def test_failures_are_retried_with_backoff_until_the_send_succeeds() -> None:
    send, clock = FlakySend(6), FakeClock()
    seen: list[tuple[int, str, float]] = []
    result = asyncio.run(
        until_done(send, Backoff(1, 8), lambda n, exc, delay: seen.append((n, str(exc), delay)), clock.sleep)
    )
    assert result == ("sent", 6)
    assert send.calls == 7
    assert clock.pauses == [1, 2, 4, 8, 8, 8]
    assert seen == [(n, f"refused #{n}", delay) for n, delay in zip(range(1, 7), clock.pauses, strict=True)]


def test_cancellation_is_not_retried() -> None:
    """A stopping worker cancels the agent: the message stays uncommitted and is consumed again later."""
    calls: list[int] = []

    async def cancelled() -> None:
        calls.append(1)
        raise asyncio.CancelledError

    clock = FakeClock()
    with pytest.raises(asyncio.CancelledError):
        asyncio.run(until_done(cancelled, Backoff(1, 8), lambda *a: None, clock.sleep))
    assert calls == [1] and clock.pauses == []


def test_a_worker_stopping_during_the_pause_ends_the_retries() -> None:
    async def scenario() -> int:
        send = FlakySend(10**9)
        task = asyncio.create_task(until_done(send, Backoff(0.01, 0.02), lambda *a: None))
        while send.calls < 3:
            await asyncio.sleep(0.005)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return send.calls

    calls = asyncio.run(scenario())
    assert 3 <= calls <= 4
