"""Streaming helpers for the integration tests: a paced publisher, and what reached the topics."""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.request

from kafka import KafkaAdminClient

from pipeline.evaluation.runner import Session, WorkerProcess
from pipeline.ingest import Article
from pipeline.settings import Settings
from pipeline.stream import clients


class PacedPublisher(threading.Thread):
    """Publishes articles from a thread at about `per_second`, as a newsroom feed arrives.

    With `hold_at`, it stops after that many articles until `resume()`: a test can then make
    something happen mid-stream (a worker joining) however slowly the loaded machine does it.
    """

    def __init__(
        self, session: Session, articles: list[Article], per_second: float, hold_at: int | None = None
    ) -> None:
        super().__init__(daemon=True)
        self.session, self.articles, self.pause = session, articles, 1.0 / per_second
        self.sent = 0
        self.error: BaseException | None = None
        self.hold_at, self._resumed = hold_at, threading.Event()

    def resume(self) -> None:
        """Go on after the hold."""
        self._resumed.set()

    def run(self) -> None:
        def paced(article: Article) -> None:
            self.sent += 1
            if self.sent == self.hold_at and not self._resumed.wait(600):
                raise TimeoutError(f"held after {self.sent} articles and not resumed within 600 s")
            time.sleep(self.pause)

        try:
            self.session.publish(self.articles, on_sent=paced)
        except BaseException as exc:  # reported by the test thread
            self.error = exc

    def finish(self, timeout_seconds: float) -> None:
        self.join(timeout_seconds)
        assert not self.is_alive(), f"publisher still running after {timeout_seconds} s ({self.sent} sent)"
        assert self.error is None, f"publisher failed after {self.sent} articles: {self.error!r}"
        assert self.sent == len(self.articles)


def article_ids_with_figures(session: Session) -> set[str]:
    """Ids of the articles with at least one figure on the figures topic."""
    return {r.value["article_id"] for r in session.read("figures", idle_seconds=0.5)}


def trail(session: Session, article_ids: set[str]) -> dict[str, dict[str, list[str]]]:
    """Where each article got to: per topic, the partition/offset (and kind) of every record that carries it.

    For a failure message: an article that went missing stopped after the last topic listed.
    """
    found: dict[str, dict[str, list[str]]] = {a: {} for a in article_ids}

    def ids_in(value: object) -> set[str]:
        if not isinstance(value, dict):
            return set()
        article = value.get("article") or (value.get("envelope") or {}).get("article") or {}
        return {i for i in (value.get("id"), value.get("article_id"), article.get("id")) if i in found}

    for topic in ("articles", "articles.accepted", "dedup.route", "articles.deduped", "figures", "articles.dlq"):
        for r in session.read(topic, idle_seconds=0.5):
            value = r.value if isinstance(r.value, dict) else None
            if value is None and isinstance(r.value, bytes | str):
                try:
                    value = json.loads(r.value)
                except ValueError:
                    continue
            for article_id in ids_in(value):
                kind = f" {value['kind']}" if isinstance(value, dict) and "kind" in value else ""
                found[article_id].setdefault(topic, []).append(f"{r.partition}/{r.offset}{kind}")
    return found


def admin_client(session: Session) -> KafkaAdminClient:
    """An admin client of the session's broker (close it: `contextlib.closing`)."""
    return KafkaAdminClient(bootstrap_servers=clients.bootstrap_servers(session.broker_url))


def committed_offsets(admin: KafkaAdminClient, settings: Settings, topic: str) -> dict[int, int]:
    """The workers' consumer group's committed offset (the next to read) per partition of a topic (base name);
    a partition with no commit yet is left out.

    For a failure message: a missing record below its partition's committed offset was committed past
    (lost); one at or above it was never processed but will be read again.
    """
    offsets = admin.list_group_offsets(settings.app_id).get(settings.app_id, {})
    name = settings.topic(topic)
    return {tp.partition: m.offset for tp, m in sorted(offsets.items()) if tp.topic == name and m.offset >= 0}


def article_json(
    article_id: str, body: str = "Floods in Tabriz have killed 12 people, the governor said on Monday."
) -> bytes:
    """An article message in the articles shape, with this body, as a newsroom would publish it."""
    message = {
        "schema_version": 1,
        "id": article_id,
        "source": "wire",
        "published_at": "2026-03-02T08:00:00Z",
        "headline": "Floods in Tabriz",
        "body": body,
    }
    return json.dumps(message, ensure_ascii=False).encode("utf-8")


def metric_total(worker: WorkerProcess, name: str) -> float:
    """The sum of a metric's samples (every label set) on the worker's /metrics."""
    with urllib.request.urlopen(worker.url("/metrics"), timeout=10) as response:
        text = response.read().decode()
    return sum(float(m.group(1)) for m in re.finditer(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.MULTILINE))
