"""Prometheus metrics, all in one object on an injectable registry.

Labels are closed sets (reason codes, change kinds, measures from the extractor's lexicon), never
a claim key or an article id, so the number of series stays bounded.
"""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

# Publish-to-update latency buckets, seconds: the budget is 300 ms at 10 articles/s.
LATENCY_BUCKETS_SECONDS = (0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass(frozen=True)
class Metrics:
    """Every metric the worker exports."""

    registry: CollectorRegistry
    articles_consumed: Counter
    articles_rejected: Counter
    dlq_send_failures: Counter
    dlq_send_failing: Gauge
    articles_duplicate: Counter
    articles_new_version: Counter
    dedup_route_messages: Counter
    dedup_local_searches: Counter
    articles_extracted: Counter
    figures_extracted: Counter
    claims_classified: Counter
    updates_emitted: Counter
    updates_consumed: Counter
    alerts_emitted: Counter
    publish_to_update_latency_seconds: Histogram
    extract_seconds: Histogram
    extract_processes: Gauge
    extract_processes_replaced: Counter
    claims_table_keys: Gauge
    claims_retired: Counter
    changelog_records_recovered: Counter
    last_consumed_timestamp_seconds: Gauge
    worker_info: Gauge

    @classmethod
    def create(cls, registry: CollectorRegistry | None = None) -> Metrics:
        """Register every metric on `registry` (a fresh one by default, so tests do not share state)."""
        registry = registry if registry is not None else CollectorRegistry()
        return cls(
            registry=registry,
            articles_consumed=Counter(
                "wiretally_articles_consumed", "Messages consumed from the articles topic.", registry=registry
            ),
            articles_rejected=Counter(
                "wiretally_articles_rejected",
                "Input messages sent to articles.dlq, by reason code.",
                ["reason"],
                registry=registry,
            ),
            dlq_send_failures=Counter(
                "wiretally_dlq_send_failures",
                "Attempts to write a dead letter to articles.dlq that failed (each is retried with backoff).",
                registry=registry,
            ),
            dlq_send_failing=Gauge(
                "wiretally_dlq_send_failing",
                "Messages whose dead letter articles.dlq has not taken yet: each holds its stage's partitions "
                "on this worker until it is written (0 when the DLQ is writable).",
                registry=registry,
            ),
            articles_duplicate=Counter(
                "wiretally_articles_duplicate",
                "Articles found to be near-verbatim copies of an earlier one (their figures raise no alert).",
                registry=registry,
            ),
            articles_new_version=Counter(
                "wiretally_articles_new_version",
                "Near-verbatim copies whose figures changed (write-throughs).",
                registry=registry,
            ),
            dedup_route_messages=Counter(
                "wiretally_dedup_route_messages",
                "dedup.route messages this worker's shards handled: `search` (an article from another shard looked up "
                "here) or `commit` (an article joining a story kept here).",
                ["kind"],
                registry=registry,
            ),
            dedup_local_searches=Counter(
                "wiretally_dedup_local_searches",
                "Dedup shards searched in place: held by this worker, so the search needed no dedup.route message.",
                registry=registry,
            ),
            articles_extracted=Counter(
                "wiretally_articles_extracted",
                "Articles whose figures have been extracted and sent on (duplicates included).",
                registry=registry,
            ),
            figures_extracted=Counter(
                "wiretally_figures_extracted", "Figures extracted, by measure.", ["measure"], registry=registry
            ),
            claims_classified=Counter(
                "wiretally_claims_classified",
                "Figures classified against the claims table, by kind "
                "(new, update, contradiction, corroboration, history, another_count, unresolved, duplicate, repeat, "
                "ignored).",
                ["kind"],
                registry=registry,
            ),
            updates_emitted=Counter(
                "wiretally_updates_emitted",
                "Messages sent to the updates topic, by kind (update, contradiction) and measure.",
                ["kind", "measure"],
                registry=registry,
            ),
            updates_consumed=Counter(
                "wiretally_updates_consumed",
                "Messages the alerts stage read from the updates topic.",
                registry=registry,
            ),
            alerts_emitted=Counter(
                "wiretally_alerts_emitted", "Messages sent to the alerts topic, by kind.", ["kind"], registry=registry
            ),
            publish_to_update_latency_seconds=Histogram(
                "wiretally_publish_to_update_latency_seconds",
                "From the article's arrival on the articles topic to its update being sent.",
                buckets=LATENCY_BUCKETS_SECONDS,
                registry=registry,
            ),
            extract_seconds=Histogram(
                "wiretally_extract_seconds",
                "Time to extract the figures of one article.",
                buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
                registry=registry,
            ),
            extract_processes=Gauge(
                "wiretally_extract_processes",
                "Processes in the extraction pool (WIRETALLY_EXTRACT_PROCESSES; 0: extraction runs in the worker).",
                registry=registry,
            ),
            extract_processes_replaced=Counter(
                "wiretally_extract_processes_replaced",
                "Extraction processes ended and replaced: an article over its budget, or a process that died.",
                registry=registry,
            ),
            claims_table_keys=Gauge(
                "wiretally_claims_table_keys", "Claim keys held by this worker's partitions.", registry=registry
            ),
            claims_retired=Counter(
                "wiretally_claims_retired",
                "Claim keys deleted from the claims table as untouched past WIRETALLY_RETENTION_DAYS.",
                registry=registry,
            ),
            changelog_records_recovered=Counter(
                "wiretally_changelog_records_recovered",
                "Changelog records read to recover a table at start or after a rebalance (with RocksDB, only "
                "those written after the worker's local state).",
                ["table"],
                registry=registry,
            ),
            last_consumed_timestamp_seconds=Gauge(
                "wiretally_last_consumed_timestamp_seconds",
                "Unix time of the last message this worker consumed from the articles topic.",
                registry=registry,
            ),
            worker_info=Gauge(
                "wiretally_worker_info",
                "Always 1; its app_id label is the worker's consumer group (WIRETALLY_APP_ID), so that alert "
                "rules and dashboards select that group's lag from kafka-exporter without hard-coding it.",
                ["app_id"],
                registry=registry,
            ),
        )
