"""kafka-python clients: publishing articles, creating topics, reading topics to their end.

These act as the newsroom system and the downstream consumer do; the worker itself uses Faust.
End offsets come from the consumer's high watermark (Fetch), never from ListOffsets, which the
embedded broker answers wrongly for batches of more than one record.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from pipeline.ingest import Article
from pipeline.settings import Settings


def bootstrap_servers(broker_url: str) -> list[str]:
    """kafka://h1:9092,h2:9092 (or plain host:port) as kafka-python's list of host:port."""
    servers = []
    for part in broker_url.split(","):
        part = part.strip()
        for scheme in ("kafka://", "tcp://", "aiokafka://"):
            part = part.removeprefix(scheme)
        servers.append(part.rstrip("/"))
    return servers


def producer(settings: Settings, broker_url: str, max_request_size: int | None = None) -> KafkaProducer:
    """A producer for the articles topic, which it creates first if missing.

    Creating it here, with WIRETALLY_PARTITIONS partitions, keeps a broker's auto-creation (with its
    own default count) from choosing the layout when a publisher starts before any worker.
    """
    ensure_topics(
        broker_url, {settings.topic("articles"): (settings.partitions, "delete")}, settings.replication_factor
    )
    options: dict[str, Any] = dict(acks="all", retries=10, linger_ms=5)
    if settings.tansu_profile:
        # One record per batch: Tansu's end offsets are then right (see module doc).
        options.update(batch_size=1, linger_ms=0)
    if max_request_size is not None:
        options["max_request_size"] = max_request_size
    return KafkaProducer(bootstrap_servers=bootstrap_servers(broker_url), **options)


def publish_articles(
    settings: Settings, broker_url: str, articles: Iterable[Article], on_sent: Callable[[Article], None] | None = None
) -> int:
    """Send articles to the articles topic, keyed by id; return how many were sent."""
    client = producer(settings, broker_url)
    count = 0
    try:
        for article in articles:
            value = json.dumps(article.to_message(), ensure_ascii=False).encode("utf-8")
            client.send(settings.topic("articles"), key=article.id.encode("utf-8"), value=value).get(timeout=30)
            count += 1
            if on_sent:
                on_sent(article)
    finally:
        client.flush()
        client.close()
    return count


def publish_raw(
    settings: Settings,
    broker_url: str,
    values: Iterable[tuple[bytes | None, bytes]],
    max_request_size: int | None = None,
) -> int:
    """Send raw (key, value) pairs to the articles topic, as a misbehaving system might.

    max_request_size raises kafka-python's 1 MiB limit, to send an oversized message on purpose.
    """
    client = producer(settings, broker_url, max_request_size)
    count = 0
    try:
        for key, value in values:
            client.send(settings.topic("articles"), key=key, value=value).get(timeout=30)
            count += 1
    finally:
        client.flush()
        client.close()
    return count


def ensure_topics(broker_url: str, layout: Mapping[str, tuple[int, str]], replication_factor: int) -> list[str]:
    """Create the topics of `layout` that are missing; return a problem line per existing topic whose
    partition count differs from the layout (Faust cannot join a table to a stream across them)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap_servers(broker_url))
    try:
        existing = set(admin.list_topics())
        new = [
            NewTopic(name, partitions, replication_factor, topic_configs={"cleanup.policy": policy})
            for name, (partitions, policy) in layout.items()
            if name not in existing
        ]
        for topic in new:
            try:
                admin.create_topics([topic])
            except TopicAlreadyExistsError:
                pass
        problems = []
        present = [name for name in layout if name in existing]
        if present:
            for description in admin.describe_topics(present):
                name, have = description["name"], len(description["partitions"])
                want = layout[name][0]
                if have != want:
                    problems.append(f"topic {name} has {have} partitions, expected {want} (WIRETALLY_PARTITIONS)")
        return problems
    finally:
        admin.close()


@dataclass(frozen=True)
class Record:
    """One consumed message, decoded."""

    topic: str
    partition: int
    offset: int
    key: str | None
    value: Any


def _decode(raw: bytes | None) -> Any:
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", errors="replace")


def read_topic(broker_url: str, topic: str, idle_seconds: float = 1.0, timeout_seconds: float = 30.0) -> list[Record]:
    """Every message now on a topic, from the beginning, without joining a group."""
    return list(iter_topic(broker_url, topic, follow=False, idle_seconds=idle_seconds, timeout_seconds=timeout_seconds))


def iter_topic(
    broker_url: str, topic: str, follow: bool, idle_seconds: float = 1.0, timeout_seconds: float | None = None
) -> Iterator[Record]:
    """Messages of a topic from the beginning; with follow=False stop at the high watermark."""
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap_servers(broker_url), enable_auto_commit=False, auto_offset_reset="earliest"
    )
    try:
        deadline = None if timeout_seconds is None else time.monotonic() + timeout_seconds
        partitions = None
        while partitions is None:
            found = consumer.partitions_for_topic(topic)
            if found:
                partitions = [TopicPartition(topic, p) for p in sorted(found)]
            elif not follow or deadline is not None and time.monotonic() > deadline:
                return
            else:
                time.sleep(0.2)
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        last_data = time.monotonic()
        while deadline is None or time.monotonic() < deadline:
            batch = consumer.poll(timeout_ms=200)
            for messages in batch.values():
                for m in messages:
                    yield Record(
                        m.topic,
                        m.partition,
                        m.offset,
                        m.key.decode("utf-8", "replace") if m.key else None,
                        _decode(m.value),
                    )
            if batch:
                last_data = time.monotonic()
                continue
            if not follow and time.monotonic() - last_data >= idle_seconds and _at_end(consumer, partitions):
                return
    finally:
        consumer.close()


def _at_end(consumer: KafkaConsumer, partitions: list[TopicPartition]) -> bool:
    for tp in partitions:
        high = consumer.highwater(tp)
        # None: no fetch answered for it yet; the caller has seen idle polls, so treat as drained.
        if high is not None and consumer.position(tp) < high:
            return False
    return True


def read_recent_ids(
    broker_url: str, topic: str, per_partition: int, idle_seconds: float = 0.5, timeout_seconds: float = 60.0
) -> set[str]:
    """The `id` field of the last `per_partition` messages of each partition of a topic.

    The start comes from ListOffsets; where the embedded broker answers it short (see the module
    doc) reading starts earlier, never later, and goes on to the high watermark.
    """
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap_servers(broker_url), enable_auto_commit=False, auto_offset_reset="earliest"
    )
    ids: set[str] = set()
    try:
        found = consumer.partitions_for_topic(topic)
        if not found:
            return ids
        partitions = [TopicPartition(topic, p) for p in sorted(found)]
        consumer.assign(partitions)
        for tp, end in consumer.end_offsets(partitions).items():
            consumer.seek(tp, max(0, (end or 0) - per_partition))
        deadline = time.monotonic() + timeout_seconds
        last_data = time.monotonic()
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"reading the newest {per_partition} messages of {topic} took over {timeout_seconds} s"
                )
            batch = consumer.poll(timeout_ms=200)
            for messages in batch.values():
                for m in messages:
                    value = _decode(m.value)
                    if isinstance(value, dict) and isinstance(value.get("id"), str):
                        ids.add(value["id"])
            if batch:
                last_data = time.monotonic()
            elif time.monotonic() - last_data >= idle_seconds and _at_end(consumer, partitions):
                return ids
    finally:
        consumer.close()
