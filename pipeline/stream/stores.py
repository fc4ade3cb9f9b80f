"""Where the worker's tables live: Faust's RocksDB store (through rocksdict) or its memory store.

On RocksDB each partition of a table is one database under `WIRETALLY_DATA_DIR`, which also keeps
the offset of the last changelog record it holds: a restarted worker recovers only the changelog
written after it (faust/tables/recovery.py, `persisted_offset`). The memory store keeps the whole
table in the process and rebuilds it from the changelog at every start.
"""

from __future__ import annotations

import contextvars
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from faust.streams import _current_event

from pipeline.settings import Settings

T = TypeVar("T")

# Faust's RocksDB defaults (a 2 GB block cache, three 64 MB write buffers per database) are sized for
# a machine of its own: with two tables of N partitions each, the caches alone could grow to several
# GB as the keys on disk are read. These bound what one database (one partition of one table) holds in
# memory whatever the table's size: at most 16 MB of cached blocks and 2 x 4 MB of memtables.
ROCKSDB_OPTIONS: dict[str, Any] = {
    "block_cache_size": 16 * 1024**2,
    "block_cache_compressed_size": 0,
    "write_buffer_size": 4 * 1024**2,
    "max_write_buffer_number": 2,
    "max_open_files": 256,
}


# Present while a worker runs on the tables directory; a clean stop removes it.
RUNNING_MARKER = ".running"


def tables_dir(settings: Settings) -> Path:
    """The worker's RocksDB tables: a directory per app id under WIRETALLY_DATA_DIR.

    A partition's database keeps the offset of its changelog but not the changelog's name, so
    another app id's files in the same place would be taken for this one's.
    """
    return (settings.data_dir / f"{settings.app_id}-tables").absolute()


def prepare_local_state(settings: Settings, discard: bool) -> Path:
    """Before a worker starts: drop its local tables if told to or if its last run did not stop cleanly.

    `discard` is for a worker with a new embedded broker, whose changelogs start empty. After a
    crash the local databases may hold writes whose changelog records were never sent; the input
    is then redelivered, and the idempotent cores, finding it applied, write nothing, so the
    changelog would never get them (and a worker recovering from it would differ). Recovering
    from the changelog alone is what the memory store always did. Returns the marker to remove
    on a clean stop.
    """
    directory = tables_dir(settings)
    marker = directory / RUNNING_MARKER
    if directory.exists() and (discard or marker.exists()):
        shutil.rmtree(directory)
    directory.mkdir(parents=True, exist_ok=True)
    marker.touch()
    return marker


def store_url(settings: Settings) -> str:
    """Faust's store URL for the configured table store (`rocksdb://` uses rocksdict when it is installed)."""
    return "rocksdb://" if settings.store == "rocksdb" else "memory://"


def table_options(settings: Settings) -> dict[str, Any] | None:
    """Options for each table's store: the RocksDB memory bounds, or none for the memory store."""
    return dict(ROCKSDB_OPTIONS) if settings.store == "rocksdb" else None


def outside_event(read: Callable[[], T]) -> T:
    """Run a table read as if no stream event were current.

    During an event, Faust's RocksDB store reads only the database of the event's partition (the
    memory store holds every partition in one dict). The dedup stage also searches, in place, the
    shards of other partitions this worker holds; outside an event the store looks a key up in
    every database it has open. Only reads: a write must happen during its own partition's event.
    """
    context = contextvars.copy_context()

    def run() -> T:
        _current_event.set(None)
        return read()

    return context.run(run)


def key_count(table: Any) -> int:
    """Keys of the table's active partitions: RocksDB's estimate (no scan), or the exact count in memory."""
    store = table.data
    if not hasattr(store, "_dbs_for_actives"):
        return len(table)
    # A full count reads every key on disk; the gauge only needs the order of magnitude.
    return sum(int(db.property_int_value("rocksdb.estimate-num-keys") or 0) for db in store._dbs_for_actives())
