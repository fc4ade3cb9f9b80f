"""Several shards: an article's home shard, the ring its search follows, and `Shards`, run in one process."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable

from pipeline.dedup.deduplicator import Deduplicator
from pipeline.dedup.messages import Commit, Findings, Probe
from pipeline.dedup.params import DedupParams
from pipeline.dedup.state import DedupState
from pipeline.dedup.verdict import Verdict
from pipeline.ingest import Article
from pipeline.settings import Settings


def home_shard(article_id: str, shards: int) -> int:
    """An article's home shard offline (the stream uses the partition Kafka's partitioner gave its key)."""
    return zlib.crc32(article_id.encode("utf-8")) % shards


def chain(home: int, shards: int) -> list[int]:
    """The shards an article's search visits, in ring order from its home, home last (where it is decided)."""
    return [(home + step) % shards for step in range(1, shards)] + [home]


class Shards:
    """Several shards in one process, run exactly as the stream runs them, messages included.

    For tests and `wiretally dedup --shards N`: every Probe, Findings and Commit crosses a shard
    boundary in its JSON message form, as it does between partitions.
    """

    def __init__(self, settings: Settings, count: int, params: DedupParams | None = None) -> None:
        if count < 1:
            raise ValueError(f"need at least one shard, got {count}")
        self.params = params or DedupParams()
        self.shards = [Deduplicator(settings, DedupState(), self.params, shard=i, shards=count) for i in range(count)]

    def observe(self, article: Article, home: int | None = None) -> Verdict:
        """Decide one article, starting at its home shard."""
        home = home_shard(article.id, len(self.shards)) if home is None else home
        probe_message = self.shards[home].start(article).to_message()
        probe = Probe.from_message(json.loads(json.dumps(probe_message)), self.params)
        decision = self.shards[home].finalize(probe, self._search(probe, home, False), article)
        result: Verdict | Commit = decision
        if self.shards[home].found_here(decision):
            self.shards[home].commit(decision)
            result = self.shards[home].recheck(probe, self._search(probe, home, True))
        return self.settle(result)

    def settle(self, result: Verdict | Commit) -> Verdict:
        """Take a decision to its story's shard (and on, if redirected there) until it gives a verdict."""
        while isinstance(result, Commit):
            decision = Commit.from_message(json.loads(json.dumps(result.to_message())))
            result = self.shards[decision.story_home].commit(decision)
        return result

    def _search(self, probe: Probe, home: int, recheck: bool) -> Findings:
        found = Findings()
        for shard in chain(home, len(self.shards))[:-1]:
            found = self.shards[shard].search(probe, found, recheck)
            found = Findings.from_message(json.loads(json.dumps(found.to_message())))
        return found

    def observe_all(self, articles: Iterable[Article]) -> list[Verdict]:
        """Observe articles in the order given."""
        return [self.observe(article) for article in articles]
