"""Fixes to Faust's offset bookkeeping and to its producer buffer's flush, each of which can lose a message; applied on
every broker.

Faust commits, per partition, the end of the first run of consecutive acknowledged offsets. Three
flaws in faust-streaming 0.15 let that run skip a message, and a skipped offset, once committed, is
never read again: the article is lost with nothing in the dead letters.

- **A gap of one at the head.** `Consumer._new_offset` refuses to commit while the first acked
  offset is more than one past the committed offset, but the committed offset is already the next
  offset to read: with 19 committed and 20, 21 acked it commits 22 (faust-streaming issue 606). The
  tolerance of one has a use: the committed offset can hold no record (a transaction marker, a
  compacted record), and a rule that waited for it would hold the partition for good. So here the
  commit waits only while the message at the committed offset is itself with a stream, unacked.
- **Acks of messages no agent processed.** While a rebalance is under way (flow control suspended)
  or once a new generation is assigned, a stream skips the events it takes from its queue, and
  Faust acknowledges each skipped event so that lag does not grow. If the partition stays with the
  worker, the new generation reads those messages again from the committed offset, but the early
  ack may already have moved the commit past them. Here such an ack releases the message (nothing
  waits for it) without recording its offset; the message is read and processed again, at least
  once as the guarantee says.
- **A head never checked before the first commit.** Faust checks the head of the acked offsets only
  against a committed offset (`if committed_offset:`), so on a partition the group has not committed
  yet, acked 6 and 7 commit 8 though 0 to 5 were never processed. The rebalance test lost the claim
  keys of a partition's first figures so, on Tansu and on Apache Kafka alike. Here, with nothing
  committed, the head is the log's first offset (read at each seek), and the commit waits for it.

**A flush that returns with messages unsent.** A table's changelog writes wait in the producer's buffer
(`ProducerBuffer`) until its task hands them to the Kafka client. Faust flushes that buffer before each
offset commit, before it gives up partitions in a rebalance and when it stops, but its `flush` returns as
soon as no message was handed over for 0.1 s, which is one slow send on a loaded broker (a "producer
buffer full" warning is the sign). The commit, the hand-over and the stop can then go ahead with table
writes still unsent, and a worker that takes the partition recovers its table from a changelog that lacks
them. Here `flush` waits until the buffer is empty and no message is half handed over.

`tests/unit/stream/test_faust_compat.py` shows each flaw on Faust's own classes and the fix.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from faust.transport.consumer import Consumer
from faust.transport.producer import ProducerBuffer
from faust.types import TP, Message
from faust.types.tuples import ack_lock
from mode.utils.futures import notify

log = logging.getLogger(__name__)

_ORIGINAL_NEW_OFFSET = Consumer._new_offset
_ORIGINAL_ACK = Consumer.ack
_ORIGINAL_PERFORM_SEEK = Consumer.perform_seek
_ORIGINAL_FLUSH = ProducerBuffer.flush
_ORIGINAL_SEND_PENDING = ProducerBuffer._send_pending
# Messages the buffer's task has taken from its queue and is handing to the client (0 or 1), per buffer.
_IN_FLIGHT = "_wiretally_in_flight"


def _committed_offset_in_flight(self: Any, tp: TP) -> bool:
    """Whether the message at the partition's committed offset (the next to read) is with a stream, unacked."""
    committed = self._committed_offset[tp]
    if committed is None:
        return False
    return any(m.offset == committed and m.tp == tp for m in self._unacked_messages)


# Per consumer: the first offset of each partition that had no committed offset at the last seek (the log's start).
_LOG_START = "_wiretally_log_start"


def _head_unacked(self: Any, tp: TP) -> bool:
    """Whether, with nothing committed yet, a message before the first acked offset is still to be processed.

    Faust checks the head of the acked offsets against the committed offset only when there is one
    (`if committed_offset:`): on a partition the group never committed, acked 6 and 7 commit 8 though 0 to 5
    were never processed (read before a rebalance and skipped, or still being processed), and they are never
    read again. The head is then the first offset of the log, where a consumer with nothing committed starts.
    """
    acked = self._acked[tp]
    if self._committed_offset[tp] or not acked:
        return False  # Faust's own rule (and _committed_offset_in_flight) hold the head
    start = getattr(self, _LOG_START, {}).get(tp)
    if start is None:
        return False
    head = min([*acked, *(interval.begin for interval in self._gap[tp])])
    return bool(head > start)


def _new_offset(self: Any, tp: TP) -> int | None:
    if _committed_offset_in_flight(self, tp) or _head_unacked(self, tp):
        return None
    offset: int | None = _ORIGINAL_NEW_OFFSET(self, tp)
    return offset


async def _perform_seek(self: Any) -> None:
    """Faust's seek to the committed offsets, then the log's first offset of each partition with none committed."""
    await _ORIGINAL_PERFORM_SEEK(self)
    uncommitted = [tp for tp in self.assignment() if not self._committed_offset[tp]]
    starts = await self.earliest_offsets(*uncommitted) if uncommitted else {}
    setattr(self, _LOG_START, {tp: offset for tp, offset in starts.items() if offset is not None})


def _stale(self: Any, message: Message) -> bool:
    """The condition under which Faust's streams skip an event (faust.streams.Stream._py_aiter)."""
    app = self.app
    return bool(message.generation_id != app.consumer_generation_id or not app.flow_control.is_active())


def _ack(self: Any, message: Message) -> bool:
    if not _stale(self, message):
        acked: bool = _ORIGINAL_ACK(self, message)
        return acked
    with ack_lock:
        if message.acked:
            return False
        message.acked = True
        self._unacked_messages.discard(message)
    notify(self._waiting_for_ack)
    log.debug("ack of %s/%s/%s not recorded: read before a rebalance, it is read again", *message.tp, message.offset)
    return False


async def _send_pending(self: Any, fut: Any) -> None:
    setattr(self, _IN_FLIGHT, getattr(self, _IN_FLIGHT, 0) + 1)
    try:
        await _ORIGINAL_SEND_PENDING(self, fut)
    finally:
        setattr(self, _IN_FLIGHT, getattr(self, _IN_FLIGHT) - 1)


async def _flush(self: Any) -> None:
    """Wait until every message put in the buffer is with the Kafka client (whose own flush then delivers them)."""
    while self.size or getattr(self, _IN_FLIGHT, 0):
        if self.state != "running" and self.size:
            raise RuntimeError("Cannot flush: Producer not Running")  # as Faust's: no task is left to send them
        self.message_sent.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.message_sent.wait(), timeout=0.1)


def patch_offset_bookkeeping() -> None:
    """Install both consumer fixes on faust.transport.consumer.Consumer (idempotent)."""
    Consumer._new_offset = _new_offset  # type: ignore[method-assign]
    Consumer.ack = _ack  # type: ignore[method-assign]
    Consumer.perform_seek = _perform_seek  # type: ignore[method-assign]


def unpatch_offset_bookkeeping() -> None:
    """Restore Faust's own consumer methods (for tests that show the flaws)."""
    Consumer._new_offset = _ORIGINAL_NEW_OFFSET  # type: ignore[method-assign]
    Consumer.ack = _ORIGINAL_ACK  # type: ignore[method-assign]
    Consumer.perform_seek = _ORIGINAL_PERFORM_SEEK  # type: ignore[method-assign]


def patch_producer_flush() -> None:
    """Install the flush that drains on faust.transport.producer.ProducerBuffer (idempotent)."""
    ProducerBuffer.flush = _flush  # type: ignore[method-assign]
    ProducerBuffer._send_pending = _send_pending  # type: ignore[method-assign]


def unpatch_producer_flush() -> None:
    """Restore Faust's own flush (for the test that shows the flaw)."""
    ProducerBuffer.flush = _ORIGINAL_FLUSH  # type: ignore[method-assign]
    ProducerBuffer._send_pending = _ORIGINAL_SEND_PENDING  # type: ignore[method-assign]
