"""The table store choice, its bounded RocksDB options, and reads outside the current event."""

from __future__ import annotations

import weakref
from types import SimpleNamespace

from faust.streams import _current_event, current_event

from pipeline.settings import Settings
from pipeline.stream import stores


def test_rocksdb_is_the_default_store_with_bounded_caches() -> None:
    settings = Settings()
    assert settings.store == "rocksdb" and stores.store_url(settings) == "rocksdb://"
    options = stores.table_options(settings)
    assert options is not None and options["block_cache_size"] <= 64 * 2**20
    assert options["write_buffer_size"] * options["max_write_buffer_number"] <= 64 * 2**20


def test_the_memory_store_takes_no_options() -> None:
    settings = Settings(store="memory")
    assert stores.store_url(settings) == "memory://" and stores.table_options(settings) is None


class Event:
    """Stands for a stream event (Faust keeps a weak reference to the current one)."""


def test_a_read_outside_the_event_sees_no_current_event_and_leaves_it_in_place() -> None:
    event = Event()
    token = _current_event.set(weakref.ref(event))  # type: ignore[arg-type]
    try:
        assert stores.outside_event(current_event) is None
        assert current_event() is event
    finally:
        _current_event.reset(token)


class Table(dict):
    """A table whose store is given."""

    def __init__(self, data: object, **items: int) -> None:
        super().__init__(**items)
        self.data = data


class Database:
    def __init__(self, keys: int) -> None:
        self.keys = keys

    def property_int_value(self, name: str) -> int:
        assert name == "rocksdb.estimate-num-keys"
        return self.keys


def test_key_count_is_the_memory_stores_length_or_rocksdbs_estimate() -> None:
    assert stores.key_count(Table(SimpleNamespace(), a=1, b=2)) == 2
    rocks = SimpleNamespace(_dbs_for_actives=lambda: [Database(3), Database(4)])
    assert stores.key_count(Table(rocks, a=1)) == 7


def test_local_tables_are_kept_after_a_clean_stop_and_dropped_after_a_crash_or_for_a_new_broker(tmp_path) -> None:
    settings = Settings(data_dir=tmp_path, app_id="app")
    tables = stores.tables_dir(settings)
    assert tables == tmp_path.absolute() / "app-tables"
    marker = stores.prepare_local_state(settings, discard=False)
    (tables / "claims-0.db").mkdir()
    marker.unlink()  # a clean stop
    stores.prepare_local_state(settings, discard=False)
    assert (tables / "claims-0.db").exists()
    # The marker stayed: that run did not stop cleanly.
    stores.prepare_local_state(settings, discard=False)
    assert not (tables / "claims-0.db").exists() and marker.exists()
    (tables / "claims-0.db").mkdir()
    marker.unlink()
    stores.prepare_local_state(settings, discard=True)
    assert not (tables / "claims-0.db").exists()
