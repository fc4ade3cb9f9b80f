"""Two fixes to Faust's offset bookkeeping that can commit past a message no agent processed; applied on every broker.

Faust commits, per partition, the end of the first run of consecutive acknowledged offsets. Two
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

`tests/unit/stream/test_faust_compat.py` shows each flaw on Faust's own consumer and the fix.
"""

from __future__ import annotations

import logging
from typing import Any

from faust.transport.consumer import Consumer
from faust.types import TP, Message
from faust.types.tuples import ack_lock
from mode.utils.futures import notify

log = logging.getLogger(__name__)

_ORIGINAL_NEW_OFFSET = Consumer._new_offset
_ORIGINAL_ACK = Consumer.ack


def _committed_offset_in_flight(self: Any, tp: TP) -> bool:
    """Whether the message at the partition's committed offset (the next to read) is with a stream, unacked."""
    committed = self._committed_offset[tp]
    if committed is None:
        return False
    return any(m.offset == committed and m.tp == tp for m in self._unacked_messages)


def _new_offset(self: Any, tp: TP) -> int | None:
    if _committed_offset_in_flight(self, tp):
        return None
    offset: int | None = _ORIGINAL_NEW_OFFSET(self, tp)
    return offset


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


def patch_offset_bookkeeping() -> None:
    """Install both fixes on faust.transport.consumer.Consumer (idempotent)."""
    Consumer._new_offset = _new_offset  # type: ignore[method-assign]
    Consumer.ack = _ack  # type: ignore[method-assign]


def unpatch_offset_bookkeeping() -> None:
    """Restore Faust's own methods (for tests that show the flaws)."""
    Consumer._new_offset = _ORIGINAL_NEW_OFFSET  # type: ignore[method-assign]
    Consumer.ack = _ORIGINAL_ACK  # type: ignore[method-assign]
