"""Faust's consumer and producer buffer, unpatched and patched: no commit may pass an offset no agent processed, and
a flush leaves no message unsent."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from types import SimpleNamespace

import faust
import pytest
from faust.transport.producer import ProducerBuffer
from faust.types import TP, Message

from pipeline.stream import faust_compat

TOPIC = "articles"
PARTITION = TP(TOPIC, 0)


@pytest.fixture(params=["faust", "patched"])
def patched(request: pytest.FixtureRequest) -> Iterator[bool]:
    if request.param == "patched":
        faust_compat.patch_offset_bookkeeping()
    try:
        yield request.param == "patched"
    finally:
        faust_compat.unpatch_offset_bookkeeping()


def consumer_with(run: object) -> None:
    """Run `run(app, consumer)` with a Faust app's own consumer (never started: no broker is needed)."""

    async def main() -> None:
        app = faust.App("wiretally-compat-test", broker="kafka://127.0.0.1:9")
        app.topics._acking_topics.add(TOPIC)  # as an agent on the topic would
        app.consumer_generation_id = 2
        app.flow_control.resume()
        run(app, app.consumer)  # type: ignore[operator]

    asyncio.run(main())


def message(offset: int, generation: int = 2) -> Message:
    return Message(TOPIC, 0, offset, 0.0, 0, None, b"k", b"v", None, tp=PARTITION, generation_id=generation)


def test_a_commit_never_passes_a_message_still_being_processed(patched: bool) -> None:
    def run(app: faust.App, consumer: object) -> None:
        in_flight = message(19)
        consumer._committed_offset[PARTITION] = 19  # type: ignore[attr-defined]  # the next offset to read
        consumer._unacked_messages.add(in_flight)  # type: ignore[attr-defined]  # 19 is with a stream
        consumer._acked[PARTITION] = [20, 21]  # type: ignore[attr-defined]
        # Faust's own rule commits 22: a crash now, and 19 would never be read again.
        assert consumer._new_offset(PARTITION) == (None if patched else 22)  # type: ignore[attr-defined]
        if not patched:
            return
        consumer.ack(in_flight)  # type: ignore[attr-defined]
        assert consumer._new_offset(PARTITION) == 22  # type: ignore[attr-defined]

    consumer_with(run)


def test_a_committed_offset_that_holds_no_record_does_not_hold_the_partition(patched: bool) -> None:
    def run(app: faust.App, consumer: object) -> None:
        # 19 is a transaction marker (or compacted away): no message there, the next record is 20.
        consumer._committed_offset[PARTITION] = 19  # type: ignore[attr-defined]
        consumer._acked[PARTITION] = [20, 21]  # type: ignore[attr-defined]
        assert consumer._new_offset(PARTITION) == 22  # type: ignore[attr-defined]

    consumer_with(run)


def test_a_gap_faust_saw_in_the_offsets_still_counts_as_acked(patched: bool) -> None:
    def run(app: faust.App, consumer: object) -> None:
        consumer._committed_offset[PARTITION] = 19  # type: ignore[attr-defined]
        consumer._gap[PARTITION].addi(19, 21)  # type: ignore[attr-defined]  # 19 and 20: no such records
        consumer._acked[PARTITION] = [21, 22]  # type: ignore[attr-defined]
        assert consumer._new_offset(PARTITION) == 23  # type: ignore[attr-defined]

    consumer_with(run)


@pytest.mark.parametrize("why", ["an earlier generation", "flow suspended for a rebalance"])
def test_an_event_skipped_by_its_stream_is_released_but_not_committed(patched: bool, why: str) -> None:
    def run(app: faust.App, consumer: object) -> None:
        stale = message(19, generation=1 if why == "an earlier generation" else 2)
        if why == "flow suspended for a rebalance":
            app.flow_control.suspend()
        consumer._unacked_messages.add(stale)  # type: ignore[attr-defined]
        consumer.ack(stale)  # type: ignore[attr-defined]
        assert stale.acked and stale not in consumer._unacked_messages  # type: ignore[attr-defined]
        # Faust records the offset, and the next commit passes a message no agent processed.
        assert consumer._acked[PARTITION] == ([] if patched else [19])  # type: ignore[attr-defined]

    consumer_with(run)


def test_a_processed_event_is_acked_as_before(patched: bool) -> None:
    def run(app: faust.App, consumer: object) -> None:
        consumer._committed_offset[PARTITION] = 19  # type: ignore[attr-defined]
        for offset in (19, 20):
            assert consumer.ack(message(offset)) is True  # type: ignore[attr-defined]
        assert consumer._new_offset(PARTITION) == 21  # type: ignore[attr-defined]

    consumer_with(run)


@pytest.fixture(params=["faust", "patched"])
def flush_patched(request: pytest.FixtureRequest) -> Iterator[bool]:
    if request.param == "patched":
        faust_compat.patch_producer_flush()
    try:
        yield request.param == "patched"
    finally:
        faust_compat.unpatch_producer_flush()


class SlowChannel:
    """A channel whose client takes 0.3 s to accept each message, as a loaded broker's does."""

    def __init__(self) -> None:
        self.published: list[object] = []

    async def publish_message(self, fut: object, wait: bool = False) -> None:
        await asyncio.sleep(0.3)
        self.published.append(fut)


def test_a_flush_returns_only_once_every_buffered_message_is_with_the_client(flush_patched: bool) -> None:
    async def main() -> tuple[int, int]:
        app = faust.App("wiretally-compat-test", broker="kafka://127.0.0.1:9")
        buffer = ProducerBuffer()
        buffer.app = app
        channel = SlowChannel()
        await buffer.start()
        try:
            for _ in range(3):  # three table writes waiting to be sent
                buffer.put(SimpleNamespace(message=SimpleNamespace(channel=channel)))  # type: ignore[arg-type]
            await buffer.flush()  # before a commit, a rebalance's hand-over or a stop
            return len(channel.published), buffer.size
        finally:
            # Stopping with messages left raises "Cannot flush: Producer not Running": they are lost.
            with contextlib.suppress(RuntimeError):
                await buffer.stop()

    published, left = asyncio.run(main())
    # Faust's flush gave up after 0.1 s without a message handed over: the commit or hand-over would go
    # ahead with the writes unsent.
    assert (published, left) == ((3, 0) if flush_patched else (0, 2))


def test_nothing_committed_yet_commits_only_from_the_logs_first_offset(patched: bool) -> None:
    def run(app: faust.App, consumer: object) -> None:
        # The group never committed this partition; 0 to 5 were read before a rebalance and skipped.
        consumer._acked[PARTITION] = [6, 7]  # type: ignore[attr-defined]
        if patched:
            setattr(consumer, faust_compat._LOG_START, {PARTITION: 0})  # as the seek after the rebalance finds it
        # Faust's own rule commits 8: 0 to 5 would never be read again.
        assert consumer._new_offset(PARTITION) == (None if patched else 8)  # type: ignore[attr-defined]
        if not patched:
            return
        consumer._acked[PARTITION] = list(range(8))  # type: ignore[attr-defined]  # read again and processed
        assert consumer._new_offset(PARTITION) == 8  # type: ignore[attr-defined]

    consumer_with(run)
