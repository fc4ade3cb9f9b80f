"""Apache Kafka on this machine without Docker: one KRaft node run from Maven Central's jars.

`make kafka` (`wiretally kafka start`), the integration tests and the benchmark use it. The jars are
those of deploy/kafka/pom.xml (Kafka 3.9.1, the version docker-compose.yml runs), copied by
`mvn dependency:copy-dependencies` into `.kafka/lib`; nothing is installed system-wide. The node is
broker and controller in one JVM, listens on free loopback ports, and keeps its log directory in a
temporary folder that stop() deletes. It needs a JDK (17) and Maven; without them start() says what
to install.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.stream.broker import BrokerError, free_port, wait_for_port

log = logging.getLogger(__name__)

KAFKA_VERSION = "3.9.1"
ROOT = Path(__file__).resolve().parents[2]
POM = ROOT / "deploy" / "kafka" / "pom.xml"
DEFAULT_HOME = ROOT / ".kafka"
INSTALL_HINT = (
    "install a Java runtime and Maven (Debian/Ubuntu: `sudo apt-get install default-jre-headless maven`, "
    "or run deploy/install-tools.sh)"
)
# Settings for a one-node development cluster. Kafka's defaults assume three brokers (replication
# factor 3 for its internal topics) and wait 3 s before the first rebalance of a new group, which
# every test and benchmark run would pay; 10 partitions instead of 50 for the internal topics keep
# the first group's start cheap on a small machine. Nothing here changes what a client sees:
# batching, the 1 MB message limit, compaction and group protocol are Kafka's own.
DEV_BROKER_PROPERTIES: dict[str, str] = {
    "offsets.topic.replication.factor": "1",
    "offsets.topic.num.partitions": "10",
    "transaction.state.log.replication.factor": "1",
    "transaction.state.log.min.isr": "1",
    "transaction.state.log.num.partitions": "10",
    "group.initial.rebalance.delay.ms": "0",
}
# Kafka's own kafka-server-start.sh flags, with a smaller heap: a test broker holds little data.
BROKER_JVM_OPTIONS = [
    "-Xms256m",
    "-Xmx768m",
    "-server",
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-XX:InitiatingHeapOccupancyPercent=35",
    "-XX:+ExplicitGCInvokesConcurrent",
    "-Djava.awt.headless=true",
]
# Short-lived command-line tools start faster without the optimising compiler.
TOOL_JVM_OPTIONS = ["-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true"]
LOG4J = """\
log4j.rootLogger={level}, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File={path}
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.state.change.logger=WARN
"""
TOOLS = {"kafka-topics.sh": "org.apache.kafka.tools.TopicCommand"}


class KafkaLocalError(BrokerError):
    """The local Kafka could not be fetched, formatted or started."""


def missing_tools() -> list[str]:
    """The programs among java and mvn that are not on PATH."""
    return [tool for tool in ("java", "mvn") if shutil.which(tool) is None]


def require_tools(need_maven: bool = True) -> None:
    """Raise KafkaLocalError saying what to install when java (or mvn) is missing."""
    missing = [t for t in missing_tools() if need_maven or t != "mvn"]
    if missing:
        raise KafkaLocalError(f"Apache Kafka needs {' and '.join(missing)}, not found on PATH: {INSTALL_HINT}")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on a file, so that two test sessions do not fetch into one folder at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fetch(home: Path = DEFAULT_HOME, say: Callable[[str], None] = log.info) -> Path:
    """The folder of Kafka's jars, copied from Maven Central by deploy/kafka/pom.xml unless already there."""
    lib, stamp = home / "lib", home / "lib.pom-sha256"
    wanted = hashlib.sha256(POM.read_bytes()).hexdigest()
    with _locked(home / ".fetch.lock"):
        if fetched(home):
            _write_tools(home, lib)
            return lib
        require_tools(need_maven=True)
        partial = home / "lib.partial"
        shutil.rmtree(partial, ignore_errors=True)
        say(f"fetching Apache Kafka {KAFKA_VERSION} from Maven Central ({POM.relative_to(ROOT)}) into {lib}")
        command = [
            "mvn",
            "--batch-mode",
            "--quiet",
            "-f",
            str(POM),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={partial}",
            "-DincludeScope=runtime",
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            raise KafkaLocalError(
                f"`{' '.join(command)}` exited {result.returncode}:\n{(result.stdout + result.stderr)[-3000:]}"
            )
        shutil.rmtree(lib, ignore_errors=True)
        partial.rename(lib)
        stamp.write_text(wanted + "\n")
        _write_tools(home, lib)
        return lib


def fetched(home: Path = DEFAULT_HOME) -> bool:
    """True when home/lib holds the jars of the current deploy/kafka/pom.xml."""
    stamp = home / "lib.pom-sha256"
    wanted = hashlib.sha256(POM.read_bytes()).hexdigest()
    return (
        stamp.is_file()
        and stamp.read_text().strip() == wanted
        and (home / "lib" / f"kafka_2.13-{KAFKA_VERSION}.jar").is_file()
    )


def _write_tools(home: Path, lib: Path) -> None:
    """Kafka's command-line tools as scripts in home/bin (KAFKA_BIN for deploy/kafka/create-topics.sh)."""
    bin_dir = home / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    log4j = home / "tools-log4j.properties"
    log4j.write_text(
        "log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\n"
        "log4j.appender.stderr.Target=System.err\n"
        "log4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n"
        "log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n\n"
    )
    for name, main_class in TOOLS.items():
        script = bin_dir / name
        text = (
            "#!/bin/sh\n# Generated by pipeline/stream/kafka_local.py: Kafka's tool from the jars in .kafka/lib.\n"
            f"exec java {' '.join(TOOL_JVM_OPTIONS)} -Dlog4j.configuration=file:{log4j} "
            f'-cp "{lib}/*" {main_class} "$@"\n'
        )
        if not script.is_file() or script.read_text() != text:
            script.write_text(text)
            script.chmod(0o755)


def new_cluster_id() -> str:
    """A KRaft cluster id: 16 random bytes, base64url without padding (as kafka-storage.sh random-uuid).

    Like Kafka's own `Uuid.randomUuid`, never one that starts with "-": kafka-storage would read it as an
    option ("argument --cluster-id/-t: expected one argument"), one start in 64.
    """
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


def broker_properties(
    host: str, port: int, controller_port: int, log_dir: Path, overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """server.properties of a combined broker/controller node on host."""
    properties = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.voters": f"1@{host}:{controller_port}",
        "listeners": f"PLAINTEXT://{host}:{port},CONTROLLER://{host}:{controller_port}",
        "advertised.listeners": f"PLAINTEXT://{host}:{port}",
        "controller.listener.names": "CONTROLLER",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name": "PLAINTEXT",
        "log.dirs": str(log_dir),
        **DEV_BROKER_PROPERTIES,
    }
    properties.update(overrides or {})
    return properties


def _write_properties(path: Path, properties: Mapping[str, str]) -> None:
    path.write_text("".join(f"{key}={value}\n" for key, value in properties.items()))


@dataclass
class KafkaBroker:
    """A running local Kafka node; `url` is what WIRETALLY_BROKER would be."""

    pid: int
    host: str
    port: int
    controller_port: int
    data_dir: Path
    started_at: float
    process: subprocess.Popen[bytes] | None = None  # None when found through the state file

    profile = "kafka"  # the client profile for this broker (see Settings.broker_profile)

    @property
    def bootstrap(self) -> str:
        """host:port for kafka-python and aiokafka."""
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """kafka://host:port for Faust."""
        return f"kafka://{self.bootstrap}"

    @property
    def log_path(self) -> Path:
        """The broker's log4j log."""
        return self.data_dir / "server.log"

    def alive(self) -> bool:
        """True while the broker's JVM runs."""
        if self.process is not None:
            return self.process.poll() is None
        return _is_our_broker(self.pid, self.data_dir)

    def log_tail(self, lines: int = 30) -> str:
        """The end of the broker's log and console output, for error messages."""
        parts = []
        for path in (self.log_path, self.data_dir / "console.log"):
            with contextlib.suppress(OSError):
                parts.append(f"--- {path}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(parts) or "(no log)"

    def stop(self, timeout_seconds: float = 30.0) -> None:
        """SIGTERM the broker (a controlled shutdown), SIGKILL it after the timeout, delete its data."""
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            if not self._wait_exit(timeout_seconds):
                log.warning("Kafka (pid %d) did not stop in %.0f s; killing it", self.pid, timeout_seconds)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
                self._wait_exit(timeout_seconds)
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def _wait_exit(self, timeout_seconds: float) -> bool:
        if self.process is not None:
            try:
                self.process.wait(timeout_seconds)
                return True
            except subprocess.TimeoutExpired:
                return False
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            if not self.alive():
                return True
            time.sleep(0.1)
        return False


def _is_our_broker(pid: int, data_dir: Path) -> bool:
    """True when pid is a live Kafka JVM started with this data dir (not a recycled pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return "kafka.Kafka" in cmdline and str(data_dir) in cmdline


def _java(lib: Path, options: list[str], main_class: str, args: list[str], log4j: Path) -> list[str]:
    return ["java", *options, f"-Dlog4j.configuration=file:{log4j}", "-cp", f"{lib}/*", main_class, *args]


def start_kafka(
    home: Path = DEFAULT_HOME,
    host: str = "127.0.0.1",
    port: int | None = None,
    overrides: Mapping[str, str] | None = None,
    timeout_seconds: float = 180.0,
    detach: bool = False,
    say: Callable[[str], None] = log.info,
) -> KafkaBroker:
    """Fetch the jars if needed, format KRaft storage in a temporary folder and start one node.

    detach=True starts the JVM in its own session, so that it outlives the calling command (make kafka).
    """
    require_tools(need_maven=not fetched(home))
    lib = fetch(home, say)
    port = port or free_port(host)
    controller_port = free_port(host)
    while controller_port == port:
        controller_port = free_port(host)
    data_dir = Path(tempfile.mkdtemp(prefix="wiretally-kafka-"))
    config, log4j = data_dir / "server.properties", data_dir / "log4j.properties"
    _write_properties(config, broker_properties(host, port, controller_port, data_dir / "logs", overrides))
    log4j.write_text(LOG4J.format(level="INFO", path=data_dir / "server.log"))
    try:
        formatted = subprocess.run(
            _java(
                lib,
                TOOL_JVM_OPTIONS,
                "kafka.tools.StorageTool",
                ["format", "-t", new_cluster_id(), "-c", str(config)],
                log4j,
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(data_dir, ignore_errors=True)
        raise KafkaLocalError(f"formatting Kafka's storage failed: {exc}") from exc
    if formatted.returncode != 0:
        shutil.rmtree(data_dir, ignore_errors=True)
        raise KafkaLocalError(
            f"kafka-storage format exited {formatted.returncode}:\n{formatted.stdout}{formatted.stderr}"
        )
    with (data_dir / "console.log").open("wb") as console:
        process = subprocess.Popen(
            _java(lib, BROKER_JVM_OPTIONS, "kafka.Kafka", [str(config)], log4j),
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=detach,
        )
    broker = KafkaBroker(process.pid, host, port, controller_port, data_dir, time.time(), process)
    try:
        _wait_ready(broker, timeout_seconds)
    except BaseException:
        tail = broker.log_tail()
        broker.stop(10)
        raise KafkaLocalError(f"Kafka did not become ready on {broker.bootstrap}:\n{tail}") from None
    say(f"Apache Kafka {KAFKA_VERSION} listening on {broker.bootstrap} (pid {broker.pid}, data {data_dir})")
    return broker


def _wait_ready(broker: KafkaBroker, timeout_seconds: float) -> None:
    """Wait until the node answers metadata requests with itself as a broker."""
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError

    deadline = time.monotonic() + timeout_seconds
    wait_for_port(broker.host, broker.port, timeout_seconds)
    while time.monotonic() < deadline:
        if not broker.alive():
            raise KafkaLocalError("the Kafka JVM exited during start-up")
        try:
            admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap, request_timeout_ms=5000)
            try:
                if admin.describe_cluster().get("brokers"):
                    return
            finally:
                admin.close()
        except (KafkaError, OSError, ValueError):
            pass
        time.sleep(0.3)
    raise KafkaLocalError(f"no broker answered on {broker.bootstrap} within {timeout_seconds:.0f} s")


@contextlib.contextmanager
def kafka_broker(**options: object) -> Iterator[KafkaBroker]:
    """A local Kafka node for the duration of a with-block."""
    broker = start_kafka(**options)  # type: ignore[arg-type]
    try:
        yield broker
    finally:
        broker.stop()


# ---- the node `make kafka` leaves running -----------------------------------------------------


def _state_path(home: Path) -> Path:
    return home / "run" / "broker.json"


def recorded(home: Path = DEFAULT_HOME) -> KafkaBroker | None:
    """The node `make kafka` started, if it still runs (a stale record is removed)."""
    path = _state_path(home)
    try:
        state = json.loads(path.read_text())
        broker = KafkaBroker(
            int(state["pid"]),
            str(state["host"]),
            int(state["port"]),
            int(state["controller_port"]),
            Path(state["data_dir"]),
            float(state["started_at"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if broker.alive():
        return broker
    shutil.rmtree(broker.data_dir, ignore_errors=True)
    path.unlink(missing_ok=True)
    return None


def ensure_running(
    home: Path = DEFAULT_HOME, port: int | None = None, say: Callable[[str], None] = log.info
) -> tuple[KafkaBroker, bool]:
    """The recorded node if it runs, else a new detached one; and whether it was started now."""
    with _locked(home / ".run.lock"):
        running = recorded(home)
        if running is not None:
            return running, False
        broker = start_kafka(home, port=port, detach=True, say=say)
        state = {
            "pid": broker.pid,
            "host": broker.host,
            "port": broker.port,
            "controller_port": broker.controller_port,
            "data_dir": str(broker.data_dir),
            "started_at": broker.started_at,
        }
        path = _state_path(home)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(state, indent=2) + "\n")
        return broker, True


def stop_recorded(home: Path = DEFAULT_HOME) -> KafkaBroker | None:
    """Stop the node `make kafka` started; None when none runs."""
    with _locked(home / ".run.lock"):
        broker = recorded(home)
        if broker is not None:
            broker.stop()
        _state_path(home).unlink(missing_ok=True)
        return broker
