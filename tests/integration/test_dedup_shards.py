"""The partitioned dedup index on the broker: copies and stories are found across partitions and workers.

Each partition of articles.accepted is one shard of the index; an article's search visits every
other shard (in place when this worker holds it, else through topic dedup.route) and is decided
at home. These tests choose article ids so that an original and its copies start on different
partitions, check on the broker that they did, and check the verdicts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from kafka.partitioner.default import murmur2

from pipeline.evaluation.runner import WorkerProcess
from pipeline.ingest import Article

pytestmark = pytest.mark.integration

PARTITIONS = 3


def metric(worker: WorkerProcess, sample: str) -> float:
    """The value of one sample (name with labels) on a worker's /metrics page, 0 if absent."""
    for line in worker.get_text("/metrics").splitlines():
        if line.startswith(sample + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def partition_of(article_id: str, partitions: int = PARTITIONS) -> int:
    """The partition the producer's default partitioner gives a key (murmur2, as aiokafka and Kafka's Java client)."""
    return (murmur2(article_id.encode("utf-8")) & 0x7FFFFFFF) % partitions


def id_on(partition: int, stem: str) -> str:
    """The first id `stem-N` that the partitioner puts on `partition`."""
    return next(f"{stem}-{n}" for n in range(1000) if partition_of(f"{stem}-{n}") == partition)


def copies_on_other_partitions(original: Article) -> tuple[Article, Article]:
    """A trimmed repost and a write-through of `original`, each homed on a partition other than the original's."""
    home = partition_of(original.id)
    paragraphs = [p for p in original.body.split("\n") if p.strip()]
    repost = replace(
        original,
        id=id_on((home + 1) % PARTITIONS, "repost"),
        source="aggregator",
        headline="Re-headlined: " + original.headline,
        body="\n".join(paragraphs[: max(3, len(paragraphs) // 3)]),
        published_at=original.published_at + timedelta(minutes=40),
    )
    changed = original.body.replace("55,000", "57,000")
    assert changed != original.body, "the write-through must change a figure"
    write_through = replace(
        original,
        id=id_on((home + 2) % PARTITIONS, "write-through"),
        body=changed,
        published_at=original.published_at + timedelta(hours=2),
    )
    return repost, write_through


def test_copies_homed_on_other_partitions_find_their_original(make_session, isolated_settings, seed_articles) -> None:
    session = make_session(replace(isolated_settings, partitions=PARTITIONS))
    worker = session.start_worker()
    session.wait_ready(worker)
    original = next(a for a in seed_articles if "55,000" in a.body)
    repost, write_through = copies_on_other_partitions(original)
    session.publish(seed_articles)
    session.wait_processed(len(seed_articles))
    session.publish([repost, write_through])
    session.wait_processed(2)

    homes = {r.value["article"]["id"]: r.partition for r in session.read("articles.accepted")}
    assert len({homes[original.id], homes[repost.id], homes[write_through.id]}) == PARTITIONS
    verdicts = {r.value["article"]["id"]: r.value["dedup"] for r in session.read("articles.deduped")}
    assert set(verdicts) == {a.id for a in seed_articles} | {repost.id, write_through.id}
    assert verdicts[repost.id]["duplicate_of"] == original.id
    assert verdicts[repost.id]["is_new_version"] is False
    assert verdicts[write_through.id]["duplicate_of"] == original.id
    assert verdicts[write_through.id]["is_new_version"] is True
    # The seeds start on different partitions and share no wording, yet they are one story.
    assert len({homes[a.id] for a in seed_articles}) > 1
    assert len({verdicts[a.id]["story_id"] for a in seed_articles}) == 1
    assert verdicts[repost.id]["story_id"] == verdicts[original.id]["story_id"]
    # One worker holds every shard, so each article searched the other shards in place, without messages.
    assert metric(worker, "wiretally_dedup_local_searches_total") >= (PARTITIONS - 1) * len(verdicts)
    # The repost is not a new report, so its figures raise nothing; the write-through's changed figure does.
    figures = [r.value for r in session.read("figures")]
    assert any(f["article_id"] == write_through.id and f["value"] == 57000 for f in figures)


def test_two_workers_share_the_index_and_still_find_copies(make_session, isolated_settings, seed_articles) -> None:
    session = make_session(replace(isolated_settings, partitions=PARTITIONS))
    first, second = session.start_worker(), session.start_worker()
    session.wait_ready(first)
    session.wait_ready(second)
    session.publish(seed_articles)
    session.wait_processed(len(seed_articles))
    copies = []
    for article in seed_articles:
        paragraphs = [p for p in article.body.split("\n") if p.strip()]
        home = partition_of(article.id)
        copies.append(
            replace(
                article,
                id=id_on((home + 1) % PARTITIONS, f"copy-of-{article.source}"),
                source="syndicator",
                body="\n".join(paragraphs[: max(3, len(paragraphs) // 2)]),
                published_at=article.published_at + timedelta(minutes=30),
            )
        )
    session.publish(copies)
    session.wait_processed(len(copies))

    verdicts = {r.value["article"]["id"]: r.value["dedup"] for r in session.read("articles.deduped")}
    for article, copy in zip(seed_articles, copies, strict=True):
        assert verdicts[copy.id]["duplicate_of"] == article.id, copy.id
        assert verdicts[copy.id]["story_id"] == verdicts[article.id]["story_id"]
    # Both workers held shards: each one looked up, on a dedup.route message, articles homed on the other's.
    for worker in (first, second):
        assert metric(worker, 'wiretally_dedup_route_messages_total{kind="search"}') > 0, worker.log_path
