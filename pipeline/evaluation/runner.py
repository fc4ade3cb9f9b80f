"""Running the pipeline end to end: a broker, worker processes, a publisher and readers.

`wiretally demo`, `wiretally replay`, the benchmarks and the integration tests all use a Session:
it starts the embedded broker unless one is configured, starts workers as child processes
(`python -m pipeline worker`), and waits on conditions read from the workers' /status endpoint,
each with a deadline.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from pipeline.ingest import Article
from pipeline.settings import PREFIX, Settings
from pipeline.stream import clients
from pipeline.stream.broker import EmbeddedBroker, free_port, start_embedded


class SessionError(RuntimeError):
    """A worker did not start, died, or did not finish in time."""


@dataclass
class WorkerProcess:
    """One `wiretally worker` child process, its web port and its local table state."""

    process: subprocess.Popen[bytes]
    web_port: int
    log_path: Path
    started_at: float
    data_dir: Path

    def url(self, path: str) -> str:
        """The worker's web server URL for a path."""
        return f"http://127.0.0.1:{self.web_port}{path}"

    def get_text(self, path: str, timeout_seconds: float = 5.0) -> str:
        """GET a text document (such as /metrics) from the worker."""
        with urllib.request.urlopen(self.url(path), timeout=timeout_seconds) as response:
            return cast(str, response.read().decode("utf-8"))

    def get_json(self, path: str, timeout_seconds: float = 5.0) -> Any:
        """GET a JSON document from the worker."""
        with urllib.request.urlopen(self.url(path), timeout=timeout_seconds) as response:
            return json.loads(response.read())

    def alive(self) -> bool:
        """True while the process runs."""
        return self.process.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        """The end of the worker's log, for error messages."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


@dataclass
class Session:
    """A broker with workers; use as a context manager."""

    settings: Settings
    workdir: Path
    broker: EmbeddedBroker | None = None
    broker_url: str = ""
    workers: list[WorkerProcess] = field(default_factory=list)

    @classmethod
    def start(cls, settings: Settings, workdir: Path, broker_url: str | None = None) -> Session:
        """Use broker_url, the configured broker, or start the embedded one."""
        workdir.mkdir(parents=True, exist_ok=True)
        session = cls(settings=settings, workdir=workdir)
        if broker_url:
            session.broker_url = broker_url
        elif settings.broker:
            session.broker_url = settings.broker
        else:
            session.broker = start_embedded()
            session.broker_url = session.broker.url
        return session

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def worker_env(self, web_port: int, extra: dict[str, str] | None = None) -> dict[str, str]:
        """The environment of a worker child: this session's settings as WIRETALLY_* variables."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(PREFIX)}
        for name, value in vars(self.settings).items():
            env[PREFIX + name.upper()] = str(value)
        env[PREFIX + "BROKER"] = self.broker_url
        env[PREFIX + "WEB_PORT"] = str(web_port)
        env[PREFIX + "WEB_BIND"] = "127.0.0.1"
        env[PREFIX + "WEB_HOST"] = "127.0.0.1"
        if self.broker is not None and self.settings.broker_profile == "auto":
            env[PREFIX + "BROKER_PROFILE"] = "tansu"
        env.update(extra or {})
        return env

    def start_worker(self, extra_env: dict[str, str] | None = None, data_dir: Path | None = None) -> WorkerProcess:
        """Start one worker process (it is not ready yet: see wait_ready).

        Each worker gets a data directory of its own (RocksDB locks it); pass a stopped worker's
        `data_dir` to restart with its local table state.
        """
        port = free_port()
        index = len(self.workers)
        log_path = self.workdir / f"worker-{index}-{port}.log"
        data_dir = data_dir or self.workdir / f"worker-{index}-{port}-data"
        env = self.worker_env(port, dict({PREFIX + "DATA_DIR": str(data_dir)}, **(extra_env or {})))
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(
                [sys.executable, "-m", "pipeline", "worker"],
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                # The repository root, so that `-m pipeline` imports this tree's package.
                cwd=str(Path(__file__).resolve().parents[2]),
            )
        worker = WorkerProcess(process, port, log_path, time.monotonic(), data_dir)
        self.workers.append(worker)
        return worker

    def wait_ready(self, worker: WorkerProcess, timeout_seconds: float = 120.0) -> float:
        """Wait until the worker answers /health with ready; return seconds since it started."""
        self.wait_for(
            lambda: self._health(worker), f"worker on port {worker.web_port} ready", timeout_seconds, worker=worker
        )
        return time.monotonic() - worker.started_at

    def _health(self, worker: WorkerProcess) -> bool:
        try:
            return bool(worker.get_json("/health").get("status") == "ready")
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def status(self) -> dict[str, int]:
        """Progress counters summed over the live workers."""
        total: dict[str, int] = {}
        for worker in self.workers:
            if not worker.alive():
                continue
            try:
                counts = worker.get_json("/status")
            except (urllib.error.URLError, OSError, ValueError):
                continue
            for name, value in counts.items():
                if isinstance(value, int) and not isinstance(value, bool):
                    total[name] = total.get(name, 0) + value
        return total

    def wait_for(
        self,
        condition: Callable[[], bool],
        what: str,
        timeout_seconds: float,
        worker: WorkerProcess | None = None,
        interval_seconds: float = 0.2,
    ) -> None:
        """Poll a condition until it holds, or raise SessionError saying what did not happen."""
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            if condition():
                return
            if worker is not None and not worker.alive():
                raise SessionError(
                    f"worker exited with {worker.process.returncode} before {what}:\n{worker.log_tail()}"
                )
            time.sleep(interval_seconds)
        tail = worker.log_tail() if worker else ""
        raise SessionError(f"timed out after {timeout_seconds:.0f} s waiting for {what}\n{tail}")

    def publish(self, articles: Iterable[Article], on_sent: Callable[[Article], None] | None = None) -> int:
        """Publish articles as a newsroom system would."""
        return clients.publish_articles(self.settings, self.broker_url, articles, on_sent)

    def wait_processed(
        self, articles: int, timeout_seconds: float = 300.0, on_progress: Callable[[dict[str, int]], None] | None = None
    ) -> dict[str, int]:
        """Wait until the workers consumed `articles` messages and every figure and update was handled."""
        seen: dict[str, int] = {}

        def done() -> bool:
            counts = self.status()
            seen.clear()
            seen.update(counts)
            if on_progress:
                on_progress(counts)
            return (
                counts.get("articles_consumed", 0) >= articles
                and counts.get("articles_consumed", 0)
                <= counts.get("articles_extracted", 0) + counts.get("articles_rejected", 0)
                and counts.get("figures_extracted", 0) <= counts.get("figures_classified", 0)
                and counts.get("updates_emitted", 0) <= counts.get("updates_consumed", 0)
            )

        self.wait_for(
            done,
            f"{articles} articles to be processed",
            timeout_seconds,
            worker=self.workers[0] if len(self.workers) == 1 else None,
            interval_seconds=0.25,
        )
        return dict(seen)

    def read(self, topic: str, idle_seconds: float = 1.0) -> list[clients.Record]:
        """Everything on one of the pipeline's topics (base name), from the beginning."""
        return clients.read_topic(self.broker_url, self.settings.topic(topic), idle_seconds=idle_seconds)

    def claims(self, worker: WorkerProcess | None = None) -> list[dict[str, Any]]:
        """The claims table entries held by the workers, each asked for its own partitions only (scope=local)."""
        entries: dict[str, dict[str, Any]] = {}
        for w in [worker] if worker else self.workers:
            if w.alive():
                for entry in w.get_json("/claims?scope=local")["claims"]:
                    entries[entry["key"]] = entry
        return sorted(entries.values(), key=lambda e: e["key"])

    def stop_worker(self, worker: WorkerProcess, kill: bool = False, timeout_seconds: float = 30.0) -> None:
        """SIGTERM (clean) or SIGKILL a worker and wait for it."""
        if worker.alive():
            worker.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                worker.process.wait(timeout_seconds)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait(timeout_seconds)

    def close(self) -> None:
        """Stop every worker, then the embedded broker."""
        for worker in self.workers:
            self.stop_worker(worker)
        if self.broker is not None:
            self.broker.stop()
            self.broker = None


def fresh_prefix() -> str:
    """A topic prefix no other run uses (tests and replays share one broker safely)."""
    return f"t{uuid.uuid4().hex[:10]}."


@dataclass(frozen=True)
class RunResult:
    """What one end-to-end run produced."""

    table: list[dict[str, Any]]
    updates: list[dict[str, Any]]
    alerts: list[dict[str, Any]]
    dead_letters: list[dict[str, Any]]
    deduped: list[dict[str, Any]]  # articles.deduped: each article with its dedup verdict
    status: dict[str, int]
    ready_seconds: float
    elapsed_seconds: float


def run_articles(
    settings: Settings,
    articles: list[Article],
    workdir: Path,
    on_event: Callable[[str], None] | None = None,
    on_progress: Callable[[dict[str, int]], None] | None = None,
) -> RunResult:
    """Start a broker (unless configured) and a worker, publish articles in the order given, wait, collect."""
    say = on_event or (lambda text: None)
    started = time.monotonic()
    with Session.start(settings, workdir) as session:
        say(f"broker: {session.broker_url}{' (embedded)' if session.broker else ''}")
        worker = session.start_worker()
        say("starting a worker (loads spaCy, joins the group) ...")
        ready = session.wait_ready(worker)
        say(f"worker ready in {ready:.1f} s; publishing {len(articles)} articles")
        session.publish(articles)
        status = session.wait_processed(len(articles), on_progress=on_progress)
        return RunResult(
            table=session.claims(),
            updates=[r.value for r in session.read("updates")],
            alerts=[r.value for r in session.read("alerts")],
            dead_letters=[r.value for r in session.read("articles.dlq", idle_seconds=0.5)],
            deduped=[r.value for r in session.read("articles.deduped", idle_seconds=0.5)],
            status=status,
            ready_seconds=ready,
            elapsed_seconds=time.monotonic() - started,
        )
