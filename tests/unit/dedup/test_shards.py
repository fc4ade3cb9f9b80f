"""The dedup index split into shards, as the stream runs it: one shard per partition (issue 5, point 4)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from pipeline import schemas
from pipeline.dedup.deduplicator import Deduplicator
from pipeline.dedup.messages import Commit, Findings, Probe
from pipeline.dedup.shards import Shards, chain, home_shard
from pipeline.ingest import Article
from pipeline.settings import Settings
from tests.unit.dedup.test_deduplicator import copy_of, gold_articles, seed_articles


@pytest.fixture
def seeds() -> list[Article]:
    return seed_articles()


def wire(message: dict) -> dict:
    """A message as the next shard receives it."""
    return json.loads(json.dumps(message))


@pytest.mark.parametrize("shards", [1, 2, 3, 4, 8])
def test_chain_visits_every_other_shard_once_and_ends_at_home(shards: int) -> None:
    for home in range(shards):
        route = chain(home, shards)
        assert route[-1] == home
        assert sorted(route) == list(range(shards))


@pytest.mark.parametrize("count", [2, 3, 4])
def test_sharded_index_decides_like_one_shard_on_the_gold_set(count: int) -> None:
    articles = gold_articles()
    single = Deduplicator(Settings()).observe_all(articles)
    sharded = Shards(Settings(), count).observe_all(articles)
    assert len({home_shard(a.id, count) for a in articles}) == count
    assert [(v.duplicate_of, v.is_new_version) for v in sharded] == [(v.duplicate_of, v.is_new_version) for v in single]
    # Story ids are the same partition of the articles (each shard keeps its own document frequencies).
    assert len({(a.story_id, b.story_id) for a, b in zip(single, sharded, strict=True)}) == len(
        {v.story_id for v in single}
    )


def test_a_copy_homed_on_another_shard_finds_its_original(seeds: list[Article]) -> None:
    shards = Shards(Settings(), 3)
    original = seeds[-1]
    shards.observe(original, home=0)
    repost = shards.observe(copy_of(original, "repost"), home=1)
    changed = replace(original, id="write-through", body=original.body.replace("55,000", "57,000"))
    write_through = shards.observe(changed, home=2)
    assert repost.duplicate_of == original.id and not repost.is_new_version
    assert write_through.duplicate_of == original.id and write_through.is_new_version
    assert original.id in {repost.story_id, write_through.story_id}


def test_first_reports_that_arrive_together_end_in_one_story(seeds: list[Article]) -> None:
    """Every seed searches all shards before any is decided: each founds a story, and the recheck merges them."""
    shards = Shards(Settings(), 3)
    homes = [i % 3 for i in range(len(seeds))]
    probes = [
        Probe.from_message(wire(shards.shards[h].start(a).to_message()), shards.params)
        for a, h in zip(seeds, homes, strict=True)
    ]
    firsts = [shards._search(p, h, recheck=False) for p, h in zip(probes, homes, strict=True)]
    decisions = [shards.shards[h].finalize(p, f, a) for p, f, a, h in zip(probes, firsts, seeds, homes, strict=True)]
    assert [d.mode for d in decisions] == ["found"] * len(seeds)
    for decision, home in zip(decisions, homes, strict=True):
        assert shards.shards[home].found_here(decision)
        shards.shards[home].commit(decision)
    # Rechecks in reverse order, the newest first: the worst case for following a founder that left.
    verdicts = {}
    for probe, home in reversed(list(zip(probes, homes, strict=True))):
        result = shards.shards[home].recheck(probe, shards._search(probe, home, recheck=True))
        verdicts[probe.article_id] = shards.settle(result)
    assert {v.story_id for v in verdicts.values()} == {seeds[0].id}
    stories = [s for shard in shards.shards for s in shard.state.stories.values()]
    assert len(stories) == 1 and stories[0]["n"] == len(seeds)
    # A later copy of a seed that left its own story follows it into the merged one.
    late = shards.observe(copy_of(seeds[-1], "late-repost", minutes=90), home=0)
    assert late.duplicate_of == seeds[-1].id and late.story_id == seeds[0].id


def test_a_redelivered_commit_is_applied_once(seeds: list[Article]) -> None:
    shards = Shards(Settings(), 2)
    first = shards.observe(seeds[0], home=0)
    probe = shards.shards[1].start(seeds[1])
    found = shards._search(probe, 1, recheck=False)
    decision = shards.shards[1].finalize(probe, found, seeds[1])
    assert decision.mode == "join" and decision.story_home == 0
    story_before = dict(shards.shards[0].state.stories[decision.story_ref])
    once = shards.settle(decision)
    story_once = dict(shards.shards[0].state.stories[decision.story_ref])
    again = shards.settle(Commit.from_message(wire(decision.to_message())))
    assert once == again and once.story_id == first.story_id
    assert story_once["n"] == story_before["n"] + 1
    assert shards.shards[0].state.stories[decision.story_ref] == story_once


def test_route_messages_match_their_schema(seeds: list[Article]) -> None:
    deduplicator = Deduplicator(Settings(), shard=1, shards=2)
    envelope = {
        "schema_version": schemas.SCHEMA_VERSION,
        "article": seeds[0].to_message(),
        "received_at": "2026-02-04T12:00:00Z",
    }
    probe = deduplicator.start(seeds[0])
    search = {
        "schema_version": schemas.SCHEMA_VERSION,
        "kind": "search",
        "envelope": envelope,
        "hops": [1],
        "recheck": False,
        "probe": probe.to_message(),
        "found": Findings().to_message(),
    }
    schemas.validate("dedup.route", wire(search))
    decision = deduplicator.finalize(probe, Findings(), seeds[0])
    commit = {"schema_version": schemas.SCHEMA_VERSION, "kind": "commit", "envelope": envelope}
    schemas.validate("dedup.route", wire(dict(commit, commit=decision.to_message())))
    with pytest.raises(schemas.SchemaError):
        schemas.validate("dedup.route", wire(dict(search, kind="commit")))
    assert Probe.from_message(wire(probe.to_message()), deduplicator.params) == replace(probe, counts=None)


def test_a_copy_published_after_the_near_duplicate_window_is_not_matched(seeds: list[Article]) -> None:
    settings = Settings(near_duplicate_window_hours=1.0)
    deduplicator = Deduplicator(settings)
    deduplicator.observe(seeds[0])
    late = copy_of(seeds[0], "late", minutes=0)
    late = replace(late, published_at=seeds[0].published_at + timedelta(hours=2))
    assert deduplicator.observe(late).duplicate_of is None


def test_render_stories_counts_outlets_copies_and_new_versions(seeds: list[Article]) -> None:
    from pipeline.dedup.verdict import render_stories

    deduplicator = Deduplicator(Settings())
    original = seeds[-1]
    articles = [
        *seeds,
        copy_of(original, "repost"),
        replace(original, id="wt", body=original.body.replace("55,000", "57,000")),
    ]
    deduped = [{"article": a.to_message(), "dedup": deduplicator.observe(a).to_message()} for a in articles]
    assert render_stories(deduped) == [
        f"{seeds[0].id}: 7 articles from 5 outlets ({', '.join(sorted(a.source for a in seeds))}), "
        "1 near-verbatim copy, 1 new version"
    ]


def test_a_repeated_article_repeats_its_outlet_count(seeds: list[Article]) -> None:
    """After a crash, a redelivered article must give the verdict it gave, not a later count of outlets."""
    deduplicator = Deduplicator(Settings())
    first = deduplicator.observe_all(seeds)
    assert [v.story_sources for v in first] == [1, 2, 3, 4, 5]
    assert deduplicator.observe(seeds[1]) == first[1]


def test_replaying_every_article_changes_no_story() -> None:
    """Redelivery after a crash can repeat any article of the window: each repeats its verdict and moves no centroid."""
    deduplicator = Deduplicator(Settings())
    articles = gold_articles()
    first = deduplicator.observe_all(articles)
    stories = json.dumps(dict(deduplicator.state.stories), sort_keys=True)
    assert deduplicator.observe_all(articles) == first
    assert json.dumps(dict(deduplicator.state.stories), sort_keys=True) == stories
