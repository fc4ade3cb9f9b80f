"""Wiring: the Faust app, its topics and tables, and one thin agent per stage.

Each agent decodes, calls its stage's pure core, sends, and counts. Dependencies (settings,
metrics, the extractor) are bound here at wiring time, not read from globals.

Delivery is at-least-once (Faust's exactly_once needs an idempotent producer, which the embedded
broker rejects and which has open duplicate bugs on Kafka). Every message id is derived from its
input, and every core is idempotent, so a redelivered article changes nothing and emits nothing new.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar, cast

import faust
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from pipeline import alerts, claims, dedup, ingest, schemas
from pipeline.metrics import Metrics
from pipeline.settings import Settings
from pipeline.stream import extraction, faust_compat, logs, reads, retry, stores
from pipeline.stream.state import EmittedIds, TableSection
from pipeline.web import api, dashboard

log = logging.getLogger(__name__)

# Topic base names; the settings' prefix goes in front of each.
ARTICLES = "articles"
DLQ = "articles.dlq"
ACCEPTED = "articles.accepted"
DEDUPED = "articles.deduped"
ROUTE = "dedup.route"
FIGURES = "figures"
UPDATES = "updates"
ALERTS = "alerts"
OUTPUT_TOPICS = (DLQ, FIGURES, UPDATES, ALERTS)
# Updates and contradictions this worker's alerts stage has seen, newest last, for GET /updates.
RECENT_UPDATES = api.MAX_UPDATES
# Original bytes kept in a DLQ message: base64 makes them 4/3 as long, and the message must stay
# under the producer's (and Kafka's default broker) limit of 1 MB, or the dead letter itself fails.
DLQ_ORIGINAL_MAX_BYTES = 512 * 1024
# Every table; each has a compacted changelog `<app_id>-<table>-changelog`. `retention` holds each claim
# key's last-touched day, so that retiring keys reads small values, not every claims entry.
TABLES = ("claims", "dedup", "retention")
# How often (wall clock) the dedup stage drops signatures and stories past their windows.
EXPIRE_INTERVAL_SECONDS = 60.0


def topic_layout(settings: Settings) -> dict[str, tuple[int, str]]:
    """Every topic the worker uses: full name -> (partitions, cleanup.policy).

    Faust requires a table's changelog to have as many partitions as the table's source topic, so
    every topic gets the same count.
    """
    layout = {
        settings.topic(name): (settings.partitions, "delete")
        for name in (ARTICLES, DLQ, ACCEPTED, ROUTE, DEDUPED, FIGURES, UPDATES, ALERTS)
    }
    for table in TABLES:
        layout[f"{settings.app_id}-{table}-changelog"] = (settings.partitions, "compact")
    return layout


def faust_options(settings: Settings) -> dict[str, Any]:
    """Faust settings: normal Kafka tuning, or the embedded (Tansu) profile's workarounds."""
    options: dict[str, Any] = dict(
        broker=settings.broker,
        store=stores.store_url(settings),
        processing_guarantee="at_least_once",
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        topic_allow_declare=True,
        # Faust binds web_bind and advertises http://web_host:web_port to the other workers, which
        # route GET /claims/{key} there: the advertised host must be unique per worker.
        web_bind=settings.web_bind,
        web_host=settings.advertised_web_host,
        web_port=settings.web_port,
        web_enabled=True,
        datadir=str(settings.data_dir),
        tabledir=str(stores.tables_dir(settings)),
        consumer_auto_offset_reset="earliest",
        key_serializer="raw",
        value_serializer="json",
        logging_config=logs.faust_logging_config(settings.log_level),
    )
    if settings.tansu_profile:
        options.update(
            # Tansu answers ListOffsets(latest) with the newest batch's base offset + 1: with one
            # record per batch that is the true end, so changelog recovery reads every record.
            producer_max_batch_size=1,
            # Tansu holds each JoinGroup for half the session timeout.
            broker_session_timeout=6,
            broker_heartbeat_interval=1,
            broker_rebalance_timeout=6,
            broker_request_timeout=30,
        )
    return options


@dataclass
class Pipeline:
    """The app with its topics and tables, for the worker, the web views and tests."""

    app: faust.App
    settings: Settings
    metrics: Metrics
    topics: dict[str, faust.TopicT]
    claims_table: Any
    retention_table: Any  # claim key -> the day its newest figure was published (claims.retention)
    ready: asyncio.Event  # set once the extractor is loaded
    recent_updates: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=RECENT_UPDATES))


def now_utc() -> datetime:
    """The current time, aware, UTC."""
    return datetime.now(UTC)


def build(settings: Settings, metrics: Metrics, make_extractor: extraction.ExtractorFactory | None = None) -> Pipeline:
    """Create the Faust app with every topic, table, agent and web view.

    A custom make_extractor must pickle (a module-level function or a functools.partial of one) when
    WIRETALLY_EXTRACT_PROCESSES is not 0: each extraction process calls it.
    """
    faust_compat.patch_offset_bookkeeping()
    faust_compat.patch_producer_flush()
    if settings.tansu_profile:
        from pipeline.stream.kafka_compat import patch_fetch_wait, patch_leave_group

        patch_leave_group()
        patch_fetch_wait()
    app = faust.App(settings.app_id, **faust_options(settings))
    metrics.worker_info.labels(settings.app_id).set(1)

    def topic(name: str, partitions: int | None = None, raw: bool = False, compacted: bool = False) -> faust.TopicT:
        return app.topic(
            settings.topic(name),
            key_type=bytes,
            value_type=bytes if raw else None,
            key_serializer="raw",
            value_serializer="raw" if raw else "json",
            partitions=partitions or settings.partitions,
            replicas=settings.replication_factor,
            compacting=compacted,
        )

    topics = {
        ARTICLES: topic(ARTICLES, raw=True),
        DLQ: topic(DLQ),
        ACCEPTED: topic(ACCEPTED),
        ROUTE: topic(ROUTE),
        DEDUPED: topic(DEDUPED),
        FIGURES: topic(FIGURES),
        UPDATES: topic(UPDATES),
        ALERTS: topic(ALERTS),
    }
    # Changelog keys are the claim key's bytes, as on `figures`: Faust routes GET /claims/{key} by
    # hashing the serialized key, which must land on the partition the figure was keyed to (JSON, the
    # default for str keys, hashed '"key"' and sent about half the requests to the wrong worker).
    claims_table = _table(app, settings, metrics, "claims", raw_keys=True)
    dedup_table = _table(app, settings, metrics, "dedup")
    # Keyed like the claims table, so each key's row is on its claims partition.
    retention_table = _table(app, settings, metrics, "retention", raw_keys=True)
    ready = asyncio.Event()
    pipeline = Pipeline(app, settings, metrics, topics, claims_table, retention_table, ready)
    _ingest_agent(pipeline)
    _dedup_agents(pipeline, dedup_table)
    _extract_agent(pipeline, make_extractor or extraction.default_factory(settings.spacy_model))
    _claims_agent(pipeline)
    _alerts_agent(pipeline)
    _web_views(pipeline)

    @app.timer(interval=5.0)
    async def count_table_keys() -> None:
        metrics.claims_table_keys.set(stores.key_count(claims_table))

    return pipeline


def _table(app: faust.App, settings: Settings, metrics: Metrics, name: str, raw_keys: bool = False) -> Any:
    """One of the TABLES, on the configured store, counting the changelog records it recovers."""

    async def recovered(event: faust.types.EventT) -> None:
        metrics.changelog_records_recovered.labels(name).inc()

    table: Any = app.Table(  # Any: the changelog topic may be replaced below
        name,
        default=None,
        partitions=settings.partitions,
        key_type=str,
        value_type=None,
        options=stores.table_options(settings),
        on_changelog_event=recovered,
    )
    if raw_keys:
        table.key_serializer = "raw"
        table.changelog_topic = table._new_changelog_topic()
    return table


def is_ready(p: Pipeline) -> bool:
    """True once the extractor is loaded, tables are recovered and no rebalance is under way."""
    tables: Any = p.app.tables  # the TableManager type does not declare its recovery service
    recovered = tables.recovery.completed.is_set()
    return p.ready.is_set() and recovered and not p.app.rebalancing


def _value(event: faust.types.EventT) -> dict[str, Any]:
    """The decoded JSON value of an event on one of the pipeline's JSON topics."""
    return cast(dict[str, Any], event.value)


def _emitted_ids(p: Pipeline, name: str) -> EmittedIds:
    guard = EmittedIds(p.settings.broker, p.settings.topic(name))

    @p.app.on_partitions_assigned.connect
    async def reread(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
        guard.mark_stale()

    return guard


def _key(text: str) -> bytes:
    return text.encode("utf-8")


Handler = Callable[[faust.types.EventT], Awaitable[None]]
T = TypeVar("T")


async def _dead_letter(p: Pipeline, event: faust.types.EventT, rejection: ingest.Rejection) -> None:
    """Send the event's message to articles.dlq with its reason; return only once the broker has it."""
    message = event.message
    raw = event.value if isinstance(event.value, bytes) else json.dumps(event.value).encode("utf-8")
    dead = ingest.dead_letter(
        raw,
        rejection,
        message.topic,
        message.partition,
        message.offset,
        keep_bytes=min(p.settings.max_article_bytes, DLQ_ORIGINAL_MAX_BYTES),
        now=now_utc(),
    )
    await _send_dead_letter(p, message.key, dead)
    p.metrics.articles_rejected.labels(rejection.reason).inc()
    log.warning("dead-lettered %s: %s", dead["id"], rejection.detail)


async def _delivered(topic: faust.TopicT, key: bytes | None, value: dict[str, Any]) -> None:
    """Send one message and wait for the broker's acknowledgement; raise if the broker refuses it.

    Faust's `send` returns once the record is queued in the producer, and a refusal by the broker (a
    full disk, the topic's max.message.bytes, a missing ACL) is only logged. Publishing with
    wait=True raises it instead (and leaves no failed future behind to be logged as never retrieved).
    """
    await topic.publish_message(topic.as_future_message(key=key, value=value), wait=True)


async def _send_dead_letter(p: Pipeline, key: bytes | None, dead: dict[str, Any]) -> None:
    """Write a dead letter, retrying with capped exponential backoff for as long as it fails.

    The agent waits here, so its event is not acknowledged and the offset of the message is not
    committed: the partition does not advance past a message whose dead letter is not written, and
    a worker that stops meanwhile leaves the message to be consumed again. wiretally_dlq_send_failing
    counts the messages waiting so (the WiretallyDLQUnwritable alert).
    """
    metrics, waiting = p.metrics, False
    backoff = retry.Backoff(p.settings.dlq_retry_initial_seconds, p.settings.dlq_retry_max_seconds)

    def failed(failures: int, exc: Exception, delay_seconds: float) -> None:
        nonlocal waiting
        if not waiting:
            waiting = True
            metrics.dlq_send_failing.inc()
        metrics.dlq_send_failures.inc()
        log.error(
            "dead letter %s not written to %s (attempt %d: %s: %s); its partition waits, next attempt in %.1f s",
            dead["id"],
            p.topics[DLQ].get_topic_name(),
            failures,
            type(exc).__name__,
            exc,
            delay_seconds,
        )

    try:
        _, failures = await retry.until_done(lambda: _delivered(p.topics[DLQ], key, dead), backoff, failed)
    finally:
        if waiting:
            metrics.dlq_send_failing.dec()
    if failures:
        log.warning("dead letter %s written after %d failed attempts; the partition goes on", dead["id"], failures)


async def _guarded(p: Pipeline, stage: str, stream: faust.StreamT, handle: Handler) -> None:
    """Run handle on each event; an unexpected error dead-letters that message instead of crashing the agent."""
    async for event in stream.events():
        await _guarded_one(p, stage, event, handle)


async def _guarded_one(p: Pipeline, stage: str, event: faust.types.EventT, handle: Handler) -> None:
    """Run handle on one event; dead-letter the message as processing_error if it fails."""
    try:
        await handle(event)
    except (asyncio.CancelledError, extraction.PoolBroken):
        # A pool that cannot be rebuilt would dead-letter every article after this one: stop the agent
        # instead, leaving this event unacknowledged (its offset is not committed; nothing is lost).
        raise
    except Exception as exc:  # one bad message must not stop the stream
        log.exception(
            "%s failed on %s/%s/%s", stage, event.message.topic, event.message.partition, event.message.offset
        )
        detail = f"{stage} stage failed: {type(exc).__name__}: {exc}"[:1000]
        await _dead_letter(p, event, ingest.Rejection("processing_error", detail))


def _ingest_agent(p: Pipeline) -> None:
    settings, metrics = p.settings, p.metrics
    accepted = p.topics[ACCEPTED]

    async def handle(event: faust.types.EventT) -> None:
        message = event.message
        metrics.articles_consumed.inc()
        metrics.last_consumed_timestamp_seconds.set(time.time())
        result = ingest.parse_article(cast(bytes | None, event.value), settings.max_article_bytes)
        if isinstance(result, ingest.Rejection):
            await _dead_letter(p, event, result)
            return
        received_at = datetime.fromtimestamp(message.timestamp, UTC) if message.timestamp else now_utc()
        envelope = {
            "schema_version": schemas.SCHEMA_VERSION,
            "article": result.to_message(),
            "received_at": ingest.format_timestamp(received_at),
        }
        # Keyed by article id: its partition is the article's home shard in the dedup index.
        await accepted.send(key=_key(result.id), value=envelope)

    @p.app.agent(p.topics[ARTICLES], name="ingest")
    async def ingest_agent(stream: faust.StreamT) -> None:
        await _guarded(p, "ingest", stream, handle)


# ---- the messages between stages ----
# Only the edge is validated in the stream: articles from the newsrooms (ingest.parse_article). The
# messages below are built by this code from values already checked, and validating each on both
# sides of every internal topic cost a sixth of the worker's CPU (issue 17); tests validate their
# forms against schemas/ instead (tests/unit/stream/test_stage_messages.py).


def route_search(
    envelope: dict[str, Any], hops: list[int], recheck: bool, probe: dedup.Probe, found: dedup.Findings
) -> dict[str, Any]:
    """A `search` message of dedup.route: the article's search, to continue at the next shard."""
    return {
        "schema_version": schemas.SCHEMA_VERSION,
        "kind": "search",
        "envelope": envelope,
        "hops": hops,
        "recheck": recheck,
        "probe": probe.to_message(),
        "found": found.to_message(),
    }


def route_commit(envelope: dict[str, Any], commit: dedup.Commit) -> dict[str, Any]:
    """A `commit` message of dedup.route: a decision, to the shard that keeps its story."""
    return {
        "schema_version": schemas.SCHEMA_VERSION,
        "kind": "commit",
        "envelope": envelope,
        "commit": commit.to_message(),
    }


def deduped_message(envelope: dict[str, Any], verdict: dedup.Verdict) -> dict[str, Any]:
    """An articles.deduped message: the accepted envelope with its dedup verdict."""
    return dict(envelope, dedup=verdict.to_message())


def figure_messages(
    found: list[dict[str, Any]], envelope: dict[str, Any], article_version: int | None
) -> list[dict[str, Any]]:
    """The extractor's figure messages completed with what the stream knows: arrival, story, version."""
    verdict = envelope["dedup"]
    for message in found:
        message.update(
            received_at=envelope["received_at"],
            story_id=verdict["story_id"],
            duplicate_of=verdict["duplicate_of"],
            is_new_version=verdict["is_new_version"],
            story_sources=verdict.get("story_sources", 1),
            article_version=article_version,
        )
    return found


class _DedupShards:
    """The partitioned dedup index: one shard per partition, an article's search routed through all of them.

    An article starts at its home shard (its partition of articles.accepted), visits every other
    shard (each merges its own best matches into the message) and is decided back at home; if the
    chosen story lives on another shard, a commit message goes there. Shards this worker holds
    are searched in place (a read); the others through dedup.route. Each shard's state is its own
    section of the `dedup` table, written only by events of its partition, so it is in that
    partition's changelog and moves with it on a rebalance or restart.
    """

    def __init__(self, p: Pipeline, table: Any) -> None:
        self.p = p
        self.table = table
        self.deduped, self.route = p.topics[DEDUPED], p.topics[ROUTE]
        self.settings, self.metrics = p.settings, p.metrics
        self.route_name = p.settings.topic(ROUTE)
        self.params = dedup.DedupParams()
        self.shards: dict[int, dedup.Deduplicator] = {}
        # Expiry runs inside the stream, not in a timer: Faust writes a table's changelog only while a
        # stream event is current (a timer's delete crashed the worker), and event time (the newest
        # published_at a shard saw) keeps a replay of old copy expiring the same way whatever the wall clock.
        self.clocks: dict[int, dict[str, Any]] = {}

        @p.app.on_partitions_assigned.connect
        async def reread(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
            # A shard keeps its document frequencies in memory (dedup.frequencies); a partition that
            # moved away and back was written meanwhile by another worker.
            for shard in self.shards.values():
                shard.forget_cached()

    # ---- shards ----
    def shard(self, partition: int) -> dedup.Deduplicator:
        """The shard of a partition, its state a section of the `dedup` table (created on first use)."""
        if partition not in self.shards:
            sections = {
                name: TableSection(self.table, f"{partition}.{name}") for name in dedup.DedupState.__dataclass_fields__
            }
            state = dedup.DedupState(**sections)
            self.shards[partition] = dedup.Deduplicator(
                self.settings, state, self.params, shard=partition, shards=self.settings.partitions
            )
            self.clocks[partition] = {"newest": None, "next_expiry": time.monotonic() + EXPIRE_INTERVAL_SECONDS}
        return self.shards[partition]

    def current(self, event: faust.types.EventT, article: ingest.Article) -> dedup.Deduplicator:
        """The shard of the event's partition, after expiring its old entries when due (a write: only here)."""
        here = self.shard(event.message.partition)
        clock = self.clocks[here.shard]
        if clock["newest"] is None or article.published_at > clock["newest"]:
            clock["newest"] = article.published_at
        if time.monotonic() >= clock["next_expiry"]:
            clock["next_expiry"] = time.monotonic() + EXPIRE_INTERVAL_SECONDS
            here.expire(clock["newest"])
        return here

    def held(self) -> set[int]:
        """Partitions of dedup.route this worker holds, recovered; none while a rebalance is under way."""
        app = self.p.app
        tables: Any = app.tables
        if app.rebalancing or not tables.recovery.completed.is_set():
            return set()
        return {tp.partition for tp in app.assignor.assigned_actives() if tp.topic == self.route_name}

    # ---- sending ----
    async def send_route(self, partition: int, article_id: str, message: dict[str, Any]) -> None:
        """Send a search or commit message to a shard's partition of dedup.route."""
        await self.route.send(key=_key(article_id), value=message, partition=partition)

    async def emit(self, envelope: dict[str, Any], verdict: dedup.Verdict) -> None:
        """Count a verdict and send the article on to articles.deduped with it."""
        if verdict.duplicate_of and not verdict.is_new_version:
            self.metrics.articles_duplicate.inc()
        if verdict.is_new_version:
            self.metrics.articles_new_version.inc()
        await self.deduped.send(key=_key(verdict.article_id), value=deduped_message(envelope, verdict))

    # ---- the search ----
    async def advance(
        self,
        here: dedup.Deduplicator,
        envelope: dict[str, Any],
        article: ingest.Article,
        probe: dedup.Probe,
        found: dedup.Findings,
        hops: list[int],
        recheck: bool,
    ) -> None:
        """Search every shard still to visit that this worker holds, then send the search on, or decide at home."""
        local = self.held() | {here.shard}
        remaining = []
        for hop in hops:
            if hop == probe.home:
                continue
            if hop in local:
                # Another partition's shard is read outside this event (see stores.outside_event).
                found = stores.outside_event(partial(self.shard(hop).search, probe, found, recheck))
                self.metrics.dedup_local_searches.inc()
            else:
                remaining.append(hop)
        if remaining or here.shard != probe.home:
            destination, rest = (remaining[0], remaining[1:] + [probe.home]) if remaining else (probe.home, [])
            await self.send_route(destination, article.id, route_search(envelope, rest, recheck, probe, found))
        elif recheck:
            await self.settle(here, envelope, here.recheck(probe, found))
        else:
            await self.decide(here, envelope, article, probe, found)

    async def decide(
        self,
        here: dedup.Deduplicator,
        envelope: dict[str, Any],
        article: ingest.Article,
        probe: dedup.Probe,
        found: dedup.Findings,
    ) -> None:
        """Decide an article at home once every shard was searched."""
        decision = here.finalize(probe, found, article)
        if here.found_here(decision):
            # The new story is visible at once; its verdict waits for a second search (Deduplicator.recheck).
            here.commit(decision)
            hops = dedup.chain(here.shard, self.settings.partitions)
            await self.advance(here, envelope, article, probe, dedup.Findings(), hops, True)
        else:
            await self.settle(here, envelope, decision)

    async def settle(
        self, here: dedup.Deduplicator, envelope: dict[str, Any], result: dedup.Verdict | dedup.Commit
    ) -> None:
        """Emit a verdict, or take a decision to the shard that keeps its story."""
        if isinstance(result, dedup.Commit) and result.story_home == here.shard:
            result = here.commit(result)
        if isinstance(result, dedup.Verdict):
            await self.emit(envelope, result)
            return
        await self.send_route(result.story_home, result.article_id, route_commit(envelope, result))

    # ---- the two input topics ----
    async def handle_accepted(self, event: faust.types.EventT) -> None:
        """An accepted article: start its search at its home shard."""
        envelope = _value(event)
        article = ingest.Article.from_message(envelope["article"])
        home = self.current(event, article)
        probe = home.start(article)
        hops = dedup.chain(home.shard, self.settings.partitions)
        await self.advance(home, envelope, article, probe, dedup.Findings(), hops, recheck=False)

    async def handle_route(self, event: faust.types.EventT) -> None:
        """A search to continue at this shard, or a commit to its story here."""
        message = _value(event)
        envelope = message["envelope"]
        article = ingest.Article.from_message(envelope["article"])
        here = self.current(event, article)
        self.metrics.dedup_route_messages.labels(message["kind"]).inc()
        if message["kind"] == "commit":
            await self.settle(here, envelope, here.commit(dedup.Commit.from_message(message["commit"])))
            return
        probe = dedup.Probe.from_message(message["probe"], self.params)
        found = dedup.Findings.from_message(message["found"])
        hops = [here.shard, *message["hops"]]
        await self.advance(here, envelope, article, probe, found, hops, recheck=bool(message["recheck"]))


def _dedup_agents(p: Pipeline, table: Any) -> None:
    """The dedup agents: articles.accepted starts a search, dedup.route carries searches and commits on."""
    stage = _DedupShards(p, table)

    @p.app.agent(p.topics[ACCEPTED], name="dedup")
    async def dedup_agent(stream: faust.StreamT) -> None:
        await _guarded(p, "dedup", stream, stage.handle_accepted)

    @p.app.agent(stage.route, name="dedup-route")
    async def dedup_route_agent(stream: faust.StreamT) -> None:
        await _guarded(p, "dedup", stream, stage.handle_route)


def _extract_agent(p: Pipeline, make_extractor: extraction.ExtractorFactory) -> None:
    figures_topic = p.topics[FIGURES]
    settings, metrics = p.settings, p.metrics
    budget = settings.extract_budget_seconds

    def begin(runner: extraction.Extraction) -> Callable[[faust.types.EventT], Awaitable[_Extracted]]:
        async def extract_one(event: faust.types.EventT) -> _Extracted:
            envelope = _value(event)
            article = ingest.Article.from_message(envelope["article"])
            started = time.perf_counter()
            try:
                found = await runner.extract(article, dedup.story_context(envelope["dedup"]))
            except extraction.OverBudget as exc:
                return _Extracted(article, None, f"{exc}")
            metrics.extract_seconds.observe(time.perf_counter() - started)
            return _Extracted(article, found, "")

        return extract_one

    async def finish(event: faust.types.EventT, job: Awaitable[_Extracted]) -> None:
        done = await job
        article, found = done.article, done.figures
        if found is None:
            detail = (
                f"extracting article {article.id!r} took over {budget} s (WIRETALLY_EXTRACT_BUDGET_SECONDS): "
                f"{done.over_budget}; its figures were not processed"
            )
            # Counted as rejected only: each article is extracted or rejected, once (Session.wait_processed
            # waits for consumed <= extracted + rejected, which counting it twice satisfied too early).
            await _dead_letter(p, event, ingest.Rejection("extraction_budget", detail))
            return
        # In as-of order, so that an article giving an old and a new figure raises the update itself.
        for message in claims.order_for_apply(figure_messages(found, _value(event), article.version)):
            await figures_topic.send(key=_key(message["key"]), value=message)
            metrics.figures_extracted.labels(message["measure"]).inc()
        metrics.articles_extracted.inc()

    @p.app.agent(p.topics[DEDUPED], name="extract")
    async def extract_agent(stream: faust.StreamT) -> None:
        runner = extraction.for_settings(
            make_extractor, settings.extract_processes, budget, metrics.extract_processes_replaced.inc
        )
        try:
            # spaCy loads in a thread or in the pool's processes, so the consumer keeps heartbeating meanwhile.
            await runner.start()
            metrics.extract_processes.set(runner.processes)
            p.ready.set()
            await _pipelined(p, "extract", stream, begin(runner), finish, runner.parallelism)
        finally:
            metrics.extract_processes.set(0)
            await runner.stop()


@dataclass(frozen=True)
class _Extracted:
    """One article's extraction: its figure messages, or None and why it went over its budget."""

    article: ingest.Article
    figures: list[dict[str, Any]] | None
    over_budget: str


async def _pipelined(
    p: Pipeline,
    stage: str,
    stream: faust.StreamT,
    begin: Callable[[faust.types.EventT], Awaitable[T]],
    finish: Callable[..., Awaitable[None]],  # (event, job=the awaitable begin returned)
    window: int,
) -> None:
    """Like _guarded, with up to `window` events begun at once (one per extraction process) and finished in order.

    Faust acknowledges an event when the stream moves to the next one; here the stream moves on
    while earlier events are still being extracted, so acks are manual: an event is acknowledged only
    once finished, and its offset is never committed before its figures are sent.
    """
    manual: Any = cast(Any, stream).noack()  # StreamT does not declare noack; faust.Stream has it
    slots = asyncio.Semaphore(window)
    begun: asyncio.Queue[tuple[faust.types.EventT, asyncio.Future[T]]] = asyncio.Queue()

    async def finish_in_order() -> None:
        while True:
            event, job = await begun.get()
            try:
                await _guarded_one(p, stage, event, functools.partial(finish, job=job))
            finally:
                slots.release()
            await manual.ack(event)

    finisher = asyncio.ensure_future(finish_in_order())
    try:
        async for event in manual.events():
            slot = asyncio.ensure_future(slots.acquire())
            await asyncio.wait({slot, finisher}, return_when=asyncio.FIRST_COMPLETED)
            if finisher.done():
                slot.cancel()
                finisher.result()  # its error, if it failed
                raise RuntimeError(f"{stage}: the finishing task ended")
            begun.put_nowait((event, asyncio.ensure_future(begin(event))))
    finally:
        finisher.cancel()
        while not begun.empty():
            begun.get_nowait()[1].cancel()


class _ClaimsRetention:
    """Retires claim keys untouched past the retention (claims.retention decides which; this deletes them).

    Each figure touches its key's row in the `retention` table on a new publication day, and advances its
    partition's clock. When a partition's clock reaches a new day, the keys of that partition past the
    retention are deleted from both tables. Like the dedup expiry, this runs inside the stream, during
    an event of the partition whose keys it deletes: Faust writes a table's changelog (here a tombstone)
    to the current event's partition, and a timer has no event.
    """

    def __init__(self, p: Pipeline) -> None:
        self.p = p
        self.claims, self.touched = p.claims_table, p.retention_table
        self.retention_days = p.settings.retention_days
        self.swept: dict[int, int] = {}  # partition -> the clock day of its last sweep

    def touch(self, event: faust.types.EventT, key: str, published_at: str) -> None:
        """Note a figure of the key (which has an entry), then sweep its partition if its clock reached a new day."""
        day = claims.retention.touched_day(self.touched.get(key), published_at)
        if day is not None:
            self.touched[key] = day
        partition = event.message.partition
        clock = claims.retention.clock_day(published_at, now_utc())
        if self.retention_days > 0 and clock > self.swept.get(partition, -1):
            # The first figure after a start sweeps too: the worker may have been down for days.
            self.swept[partition] = clock
            self.sweep(partition, clock)

    def sweep(self, partition: int, clock: int) -> None:
        """Delete the keys of this partition past the retention at the clock (writes tombstones)."""
        partitions = self.p.settings.partitions
        rows = [(k, int(day)) for k, day in self.touched.items() if reads.claim_partition(k, partitions) == partition]
        expired = claims.retention.expired_keys(rows, clock, self.retention_days)
        for key in expired:
            if key in self.claims:
                del self.claims[key]
                self.p.metrics.claims_retired.inc()
            del self.touched[key]
        if expired:
            log.info(
                "retired %d claim keys of partition %d untouched for over %g days",
                len(expired),
                partition,
                self.retention_days,
            )


def _claims_agent(p: Pipeline) -> None:
    updates_topic = p.topics[UPDATES]
    policy = claims.Policy.from_settings(p.settings)
    metrics, table = p.metrics, p.claims_table
    sent = _emitted_ids(p, UPDATES)
    retention = _ClaimsRetention(p)

    async def handle(event: faust.types.EventT) -> None:
        figure = _value(event)
        key = figure["key"]
        outcome = claims.apply_figure(table.get(key), figure, policy, now_utc())
        metrics.claims_classified.labels(outcome.kind).inc()
        # The figure's own update, then any a late figure changed (claims.Outcome.revised).
        for update in outcome.messages:
            if await sent.contains(update["id"]):
                # Redelivered after a crash between the send and the table write (or re-judged the
                # same way): the update is on the topic already; only the table write is left to do.
                log.info("update %s is already on %s; not sent again", update["id"], sent.topic)
                continue
            # Send before the table write: after a crash between the two, the figure is
            # redelivered, not yet marked seen, and the guard above finds the update on the topic.
            await updates_topic.send(key=_key(key), value=update)
            sent.add(update["id"])
            metrics.updates_emitted.labels(update["kind"], update["measure"]).inc()
            if update.get("received_at"):
                latency = (now_utc() - ingest.parse_timestamp(update["received_at"])).total_seconds()
                metrics.publish_to_update_latency_seconds.observe(max(latency, 0.0))
        if outcome.entry is not None:
            table[key] = outcome.entry
        if outcome.entry is not None or key in table:
            retention.touch(event, key, figure["published_at"])

    @p.app.agent(p.topics[FIGURES], name="claims")
    async def claims_agent(stream: faust.StreamT) -> None:
        await _guarded(p, "claims", stream, handle)


def _alerts_agent(p: Pipeline) -> None:
    alerts_topic = p.topics[ALERTS]
    sent = _emitted_ids(p, ALERTS)

    async def handle(event: faust.types.EventT) -> None:
        p.metrics.updates_consumed.inc()
        update = _value(event)
        p.recent_updates.append(update)
        alert = alerts.alert_for(update, p.settings.alert_min_confidence)
        # An update redelivered after a crash may have had its alert sent already.
        if alert is not None and not await sent.contains(alert["id"]):
            await alerts_topic.send(key=_key(update["key"]), value=alert)
            sent.add(alert["id"])
            p.metrics.alerts_emitted.labels(alert["kind"]).inc()

    @p.app.agent(p.topics[UPDATES], name="alerts")
    async def alerts_agent(stream: faust.StreamT) -> None:
        await _guarded(p, "alerts", stream, handle)


def _counter_total(counter: Any) -> float:
    """A counter's value summed over its labels."""
    return sum(s.value for family in counter.collect() for s in family.samples if s.name.endswith("_total"))


# Counters that tell a caller when this worker has finished what it was given (GET /status).
PROGRESS_COUNTERS = (
    "articles_consumed",
    "articles_rejected",
    "articles_extracted",
    "figures_extracted",
    "claims_classified",
    "updates_emitted",
    "updates_consumed",
    "alerts_emitted",
    "changelog_records_recovered",
    "claims_retired",
)


def progress(metrics: Metrics) -> dict[str, int]:
    """Counters that tell a caller when this worker has finished what it was given.

    Reads only these counters: collecting the whole registry (every histogram bucket of every label)
    on each poll cost the event loop a twelfth of its time while a caller waited on /status.
    """
    labels = {"claims_classified": "figures_classified"}
    return {labels.get(name, name): int(_counter_total(getattr(metrics, name))) for name in PROGRESS_COUNTERS}


def _web_views(p: Pipeline) -> None:
    app, metrics, table = p.app, p.metrics, p.claims_table

    @app.page("/metrics")
    async def metrics_view(web: View, request: Request) -> Response:
        # aiohttp refuses a charset in content_type, and Prometheus' type carries one: set the header.
        return web.bytes(generate_latest(metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST})

    @app.page("/health")
    async def health_view(web: View, request: Request) -> Response:
        ready = is_ready(p)
        return web.json({"status": "ready" if ready else "starting"}, status=200 if ready else 503)

    @app.page("/live")
    async def live_view(web: View, request: Request) -> Response:
        """Liveness: the event loop answers. Unlike /health, not 503 while a rebalance recovers tables."""
        return web.json({"status": "alive"})

    @app.page("/status")
    async def status_view(web: View, request: Request) -> Response:
        return web.json(dict(progress(metrics), ready=is_ready(p)))

    reads.register(app, reads.Reader(app, table, p.settings, p.recent_updates))
    dashboard.register(app)
