"""Retrying an async operation until it succeeds, with capped exponential backoff.

The pure core of writing a dead letter that the broker refuses (pipeline/stream/app.py): the
operation and the sleep are passed in, so tests drive it with a fake send and a fake clock. It
never gives up: a message whose dead letter is not written must not be skipped, so the caller's
partition waits (at-least-once), and the caller's `on_failure` makes the wait visible.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

# Doubling stops growing the exponent here: 2.0 ** 1024 overflows a float, and a cap is reached long before.
MAX_EXPONENT = 62


@dataclass(frozen=True)
class Backoff:
    """Pauses between attempts: `initial_seconds`, times `multiplier` after each failure, at most `max_seconds`."""

    initial_seconds: float
    max_seconds: float
    multiplier: float = 2.0

    def delay_seconds(self, failures: int) -> float:
        """The pause after the `failures`-th consecutive failure (1 is the first)."""
        exponent = min(max(failures - 1, 0), MAX_EXPONENT)
        return float(min(self.max_seconds, self.initial_seconds * self.multiplier**exponent))


FailureHook = Callable[[int, Exception, float], None]


async def until_done(
    attempt: Callable[[], Awaitable[T]],
    backoff: Backoff,
    on_failure: FailureHook,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> tuple[T, int]:
    """Await `attempt()` until it returns; return its result and how many attempts failed first.

    After the n-th consecutive failure, `on_failure(n, error, delay_seconds)` is called and the loop
    sleeps `backoff.delay_seconds(n)`. Cancellation (a worker stopping) is never retried: it propagates.
    """
    failures = 0
    while True:
        try:
            return await attempt(), failures
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # every failure is retried: the caller must not move past its message
            failures += 1
            delay = backoff.delay_seconds(failures)
            on_failure(failures, exc, delay)
            await sleep(delay)
