"""Client-side workarounds for the embedded Tansu broker; applied only in the tansu profile.

LeaveGroup: Tansu numbers a consumer group's first generation 0, while aiokafka sends LeaveGroup on
close only when the generation is above 0 (Kafka's first generation is 1). A cleanly stopped Tansu
member therefore stays in the group until its session times out, and the next worker's join waits.

Fetch wait: Faust creates its consumer with fetch_max_wait_ms=1500 (not a setting). Kafka answers a
fetch as soon as a record arrives, but Tansu holds it for the whole wait, so each hop between
stages cost about 0.75 s on average. The tansu profile caps the wait.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

import aiokafka.errors as kafka_errors
from aiokafka import AIOKafkaConsumer
from aiokafka.consumer.group_coordinator import GroupCoordinator
from aiokafka.protocol.group import LeaveGroupRequest

log = logging.getLogger(__name__)

_ORIGINAL_LEAVE = GroupCoordinator._maybe_leave_group
_UNKNOWN_MEMBER_ID = ""


async def _leave_group_from_generation_zero(self: GroupCoordinator) -> None:
    if self.generation == 0 and self._group_instance_id is None and self.member_id != _UNKNOWN_MEMBER_ID:
        try:
            await self._send_req(LeaveGroupRequest(self.group_id, self.member_id))
        except kafka_errors.KafkaError as err:
            log.warning("LeaveGroup (generation 0) failed: %s", err)
        self.reset_generation()
        return
    await _ORIGINAL_LEAVE(self)


def patch_leave_group() -> None:
    """Make aiokafka leave a group whose generation is 0 (Tansu) on close."""
    GroupCoordinator._maybe_leave_group = _leave_group_from_generation_zero  # type: ignore[method-assign]


def unpatch_leave_group() -> None:
    """Restore aiokafka's own behaviour (for tests that show the defect)."""
    GroupCoordinator._maybe_leave_group = _ORIGINAL_LEAVE  # type: ignore[method-assign]


_ORIGINAL_CONSUMER_INIT = AIOKafkaConsumer.__init__
# Short enough that a hop adds tens of milliseconds; long enough that idle polling stays cheap.
TANSU_FETCH_MAX_WAIT_MS = 50


def patch_fetch_wait(max_wait_ms: int = TANSU_FETCH_MAX_WAIT_MS) -> None:
    """Cap fetch_max_wait_ms of every aiokafka consumer created from now on (Tansu holds fetches)."""

    @functools.wraps(_ORIGINAL_CONSUMER_INIT)
    def init(self: AIOKafkaConsumer, *topics: str, **kwargs: Any) -> None:
        kwargs["fetch_max_wait_ms"] = min(int(kwargs.get("fetch_max_wait_ms", 500)), max_wait_ms)
        _ORIGINAL_CONSUMER_INIT(self, *topics, **kwargs)

    AIOKafkaConsumer.__init__ = init  # type: ignore[method-assign]


def unpatch_fetch_wait() -> None:
    """Restore aiokafka's consumer constructor."""
    AIOKafkaConsumer.__init__ = _ORIGINAL_CONSUMER_INIT  # type: ignore[method-assign]
