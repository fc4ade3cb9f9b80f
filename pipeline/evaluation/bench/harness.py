"""Driving a runner session: workers, a paced publisher, and a watcher of the figures topic."""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.evaluation import runner
from pipeline.evaluation.bench.stats import histogram_quantile
from pipeline.evaluation.runner import SessionError
from pipeline.ingest import Article
from pipeline.settings import Settings


def fresh_session(settings: Settings, workdir: Path) -> Any:
    """A runner session on topics and a consumer group of its own (a configured broker may hold other data)."""
    settings = settings.replace(
        topic_prefix=settings.topic_prefix + runner.fresh_prefix(),
        app_id=f"{settings.app_id}-bench-{runner.fresh_prefix().strip('.')}",
    )
    return runner.Session.start(settings, workdir)


class FigureWatcher:
    """Reads the figures topic in a thread; keeps each article's last figure CreateTime and count."""

    def __init__(self, broker_url: str, topic: str) -> None:
        self.last_figure_ms: dict[str, int] = {}
        self.figures = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(broker_url, topic), daemon=True)
        self._thread.start()

    def _run(self, broker_url: str, topic: str) -> None:
        from pipeline.stream import clients

        for record in _iter_with_timestamps(clients, broker_url, topic, self._stop):
            article_id, created_ms = record
            with self._lock:
                self.figures += 1
                if created_ms > self.last_figure_ms.get(article_id, 0):
                    self.last_figure_ms[article_id] = created_ms

    def snapshot(self) -> tuple[int, dict[str, int]]:
        """(figures seen, article id -> last figure CreateTime in ms)."""
        with self._lock:
            return self.figures, dict(self.last_figure_ms)

    def close(self) -> None:
        """Stop the reader thread."""
        self._stop.set()
        self._thread.join(10)


def _iter_with_timestamps(
    clients: Any, broker_url: str, topic: str, stop: threading.Event
) -> Iterator[tuple[str, int]]:
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(
        bootstrap_servers=clients.bootstrap_servers(broker_url), enable_auto_commit=False, auto_offset_reset="earliest"
    )
    try:
        found = None
        while not found and not stop.is_set():
            found = consumer.partitions_for_topic(topic)
            if not found:
                time.sleep(0.2)
        if not found:
            return
        partitions = [TopicPartition(topic, p) for p in sorted(found)]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        while not stop.is_set():
            for messages in consumer.poll(timeout_ms=100).values():
                for m in messages:
                    try:
                        article_id = json.loads(m.value)["article_id"]
                    except (ValueError, KeyError, TypeError):
                        continue
                    yield article_id, m.timestamp
    finally:
        consumer.close()


class PacedPublisher:
    """Publishes articles to the articles topic, at full speed or a fixed rate, keeping each CreateTime."""

    def __init__(self, settings: Settings, broker_url: str) -> None:
        from pipeline.stream import clients

        self._settings = settings
        self._producer = clients.producer(settings, broker_url)
        self.created_ms: dict[str, int] = {}

    def publish(
        self, articles: Sequence[Article], rate: float | None = None, should_stop: Callable[[], bool] = lambda: False
    ) -> float:
        """Send articles (rate None: as fast as acks come back); return the wall time of the first send."""
        topic = self._settings.topic("articles")
        started = time.time()
        pending = []
        for index, article in enumerate(articles):
            if should_stop():
                break
            if rate:
                delay = started + index / rate - time.time()
                if delay > 0:
                    time.sleep(delay)
            value = json.dumps(article.to_message(), ensure_ascii=False).encode("utf-8")
            pending.append((article.id, self._producer.send(topic, key=article.id.encode("utf-8"), value=value)))
            if rate or len(pending) >= 32:
                self._collect(pending)
        self._collect(pending)
        return started

    def _collect(self, pending: list[tuple[str, Any]]) -> None:
        for article_id, future in pending:
            self.created_ms[article_id] = future.get(timeout=30).timestamp
        pending.clear()

    def close(self) -> None:
        """Flush and close the producer."""
        self._producer.flush()
        self._producer.close()


@dataclass
class Harness:
    """A Session with N ready workers, a publisher and a figures watcher."""

    session: Any
    publisher: PacedPublisher
    watcher: FigureWatcher
    published: int = 0
    worker_pids: list[int] = field(default_factory=list)

    def run(self, articles: Sequence[Article], rate: float | None = None, timeout_seconds: float = 600.0) -> float:
        """Publish, wait until processed; return seconds from the first send to the run's last figure.

        The end is the CreateTime of the last figure of these articles (when any has figures), not
        the moment /status says done: /status is polled only every 0.5 s, because each poll
        renders every metric and costs the worker's event loop CPU.
        """
        started = self.publisher.publish(articles, rate)
        self.published += len(articles)
        self.wait_processed(timeout_seconds)
        done = time.time()
        self.settle()
        _, last = self.watcher.snapshot()
        ends = [last[a.id] for a in articles if a.id in last]
        return (max(ends) / 1000.0 if ends else done) - started

    def wait_processed(self, timeout_seconds: float) -> None:
        """Wait until every published article was processed."""
        total = self.published

        def done() -> bool:
            for worker in self.session.workers:
                if not worker.alive():
                    raise SessionError(
                        f"worker {worker.process.pid} exited with {worker.process.returncode} "
                        f"after {self.published} articles were published:\n{worker.log_tail(60)}"
                    )
            counts = self.session.status()
            return (
                counts.get("articles_consumed", 0) >= total
                and counts.get("articles_extracted", 0) + counts.get("articles_rejected", 0) >= total
                and counts.get("figures_extracted", 0) <= counts.get("figures_classified", 0)
            )

        self.session.wait_for(done, f"{total} articles processed", timeout_seconds, interval_seconds=0.5)

    def settle(self, timeout_seconds: float = 10.0) -> None:
        """Wait until the watcher has read every figure the workers say they sent."""
        expected = self.session.status().get("figures_extracted", 0)
        deadline = time.monotonic() + timeout_seconds
        while self.watcher.snapshot()[0] < expected and time.monotonic() < deadline:
            time.sleep(0.1)

    def latencies(self, articles: Sequence[Article]) -> list[float]:
        """Publish-to-last-figure seconds of the given (processed) articles that produced figures."""
        self.settle()
        _, last = self.watcher.snapshot()
        return [
            (last[a.id] - self.publisher.created_ms[a.id]) / 1000.0
            for a in articles
            if a.id in last and a.id in self.publisher.created_ms
        ]

    def extracted_per_worker(self) -> tuple[int, ...]:
        """articles_extracted of each worker."""
        return tuple(int(w.get_json("/status").get("articles_extracted", 0)) for w in self.session.workers)

    def close(self) -> None:
        """Stop the watcher and the publisher (the session is closed by its owner)."""
        self.watcher.close()
        self.publisher.close()


def start_harness(session: Any, workers: int, ready_timeout_seconds: float = 180.0) -> Harness:
    """Start workers on a session, wait until all are ready and the group is settled."""
    started = [session.start_worker() for _ in range(workers)]
    for worker in started:
        session.wait_ready(worker, ready_timeout_seconds)
    # After the last join the group rebalances; all must report ready twice in a row, 1 s apart.
    for _ in range(2):
        time.sleep(1.0)
        for worker in started:
            session.wait_ready(worker, ready_timeout_seconds)
    harness = Harness(
        session,
        PacedPublisher(session.settings, session.broker_url),
        FigureWatcher(session.broker_url, session.settings.topic("figures")),
    )
    harness.worker_pids = [w.process.pid for w in started]
    return harness


def worker_latency_buckets(worker: Any) -> list[tuple[float, float]]:
    """Cumulative (upper bound, count) buckets of a worker's wiretally_publish_to_update_latency_seconds."""
    import urllib.request

    with urllib.request.urlopen(worker.url("/metrics"), timeout=5) as response:
        text = response.read().decode()
    buckets = []
    for line in text.splitlines():
        if line.startswith("wiretally_publish_to_update_latency_seconds_bucket"):
            bound = line.split('le="', 1)[1].split('"', 1)[0]
            buckets.append((math.inf if bound == "+Inf" else float(bound), float(line.rsplit(" ", 1)[1])))
    return sorted(buckets)


def bucket_difference(
    after: Sequence[tuple[float, float]], before: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The buckets of what a histogram observed between two readings (the same bounds; an empty `before` is zero)."""
    counted = dict(before)
    return [(bound, count - counted.get(bound, 0.0)) for bound, count in after]


def worker_histogram_p99(worker: Any) -> float:
    """p99 of wiretally_publish_to_update_latency_seconds from a worker's /metrics (updates only)."""
    return histogram_quantile(worker_latency_buckets(worker), 0.99)
