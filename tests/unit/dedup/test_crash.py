"""A crash can cut an article's dedup writes off after any of them: seen again, the article must leave the
state, and every later verdict, as the run that did not crash left them.

The state's changelog keeps a prefix of the writes (one producer, in order); the article is redelivered and
decided by a new process that reads the state back. Each case below replays the writes of an uninterrupted
run up to a point inside one article's, then goes on from that article with a new `Deduplicator`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, MutableMapping
from typing import Any

import pytest

from pipeline.dedup.deduplicator import Deduplicator
from pipeline.dedup.state import DedupState
from pipeline.dedup.verdict import Verdict
from pipeline.ingest import Article
from pipeline.settings import Settings
from tests.unit.dedup.test_deduplicator import ROOT, gold_articles

Write = tuple[str, str, str | None]  # mapping, key, JSON value (None: deleted)
# Articles decided after the crashed one, compared with the uninterrupted run's.
FOLLOWING = 12


class Logged(MutableMapping[str, Any]):
    """A mapping with JSON values, as a Faust table keeps them, that logs every write and delete."""

    def __init__(self, name: str, log: list[Write]) -> None:
        self.name, self.log = name, log
        self.data: dict[str, str] = {}

    def __getitem__(self, key: str) -> Any:
        return json.loads(self.data[key])

    def __setitem__(self, key: str, value: Any) -> None:
        self.data[key] = json.dumps(value)  # in insertion order, as Faust's json codec keeps a value
        self.log.append((self.name, key, self.data[key]))

    def __delitem__(self, key: str) -> None:
        del self.data[key]
        self.log.append((self.name, key, None))

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.data))

    def __len__(self) -> int:
        return len(self.data)


def logged_state(log: list[Write]) -> DedupState:
    return DedupState(**{name: Logged(name, log) for name in DedupState.__dataclass_fields__})


def replayed(writes: list[Write]) -> DedupState:
    """The state a new process reads back from a changelog holding these writes."""
    state = logged_state([])
    for name, key, value in writes:
        mapping = getattr(state, name)
        if value is None:
            mapping.data.pop(key, None)
        else:
            mapping.data[key] = value
    return state


def dump(state: DedupState) -> dict[str, dict[str, str]]:
    return {name: dict(mapping.data) for name, mapping in state.mappings().items()}


def articles() -> list[Article]:
    """The dedup gold set and the invented storylines (events followed over days), in publication order."""
    found = gold_articles()
    for path in sorted((ROOT / "tests" / "gold" / "storylines").glob("*.articles.jsonl")):
        found += [Article.from_message(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    return sorted(found, key=lambda a: (a.published_at, a.id))


class Uninterrupted:
    """The articles decided in one run, with every write and where each article's writes end."""

    def __init__(self) -> None:
        self.articles = articles()
        self.log: list[Write] = []
        deduplicator = Deduplicator(Settings(), logged_state(self.log))
        self.verdicts: list[Verdict] = []
        self.ends: list[int] = []
        for article in self.articles:
            self.verdicts.append(deduplicator.observe(article))
            self.ends.append(len(self.log))

    def index(self, kind: str) -> int:
        """The first article of a kind of decision after the first few (so that the state is not empty)."""
        for i, (article, verdict) in enumerate(zip(self.articles, self.verdicts, strict=True)):
            if i < 5:
                continue
            own_story = verdict.story_id == article.id
            if kind == "copy" and verdict.duplicate_of is not None:
                return i
            if kind == "join" and not own_story and verdict.duplicate_of is None:
                return i
            if kind == "link" and own_story and verdict.storyline_id != article.id:
                return i
            if kind == "fold" and any(key.startswith("c:") for _, key, _ in self.log[self.ends[i - 1] : self.ends[i]]):
                return i
        raise AssertionError(f"no article decided as {kind!r} in the gold set")


@pytest.fixture(scope="module")
def run() -> Uninterrupted:
    return Uninterrupted()


@pytest.mark.parametrize("kind", ["link", "join", "copy", "fold"])
def test_an_article_redone_after_a_crash_inside_its_writes_changes_nothing(run: Uninterrupted, kind: str) -> None:
    k = run.index(kind)
    start, end = run.ends[k - 1], run.ends[k]
    last = min(k + FOLLOWING, len(run.articles) - 1)
    expected_state = dump(replayed(run.log[: run.ends[last]]))
    assert end - start >= 3, "the article writes more than one value"
    for cut in range(start, end):
        state = replayed(run.log[:cut])
        verdicts = Deduplicator(Settings(), state).observe_all(run.articles[k : last + 1])
        where = f"{kind} article {k} cut after {cut - start} of its {end - start} writes"
        assert verdicts == run.verdicts[k : last + 1], where
        assert dump(state) == expected_state, where
