"""The messages between shards about one article: `Probe`, `Findings` and `Commit`, and how matches are picked.

Each has a JSON form (schemas/dedup.route.json) that crosses a partition boundary in the stream.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, cast

from pipeline.dedup.copies import CopyMatch, Shingles, band_keys, decode_ints, encode_ints
from pipeline.dedup.params import DedupParams
from pipeline.dedup.stories import StoryMatch


@dataclass(frozen=True)
class Probe:
    """What every shard needs to search for one article."""

    ref: str
    article_id: str
    source: str
    published: int
    shingles: Shingles
    numbers: frozenset[int]
    vector: dict[str, float]
    home: int = 0  # the shard where the article started and is decided
    votes: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # its country and event (dedup.context)
    # The term counts, kept offline to count document frequencies at finalize; not sent.
    counts: Mapping[str, float] | None = field(default=None, compare=False)

    def to_message(self) -> dict[str, Any]:
        """JSON form (schemas/dedup.route.json `probe`): hashes as base64, not int lists."""
        return {
            "ref": self.ref,
            "id": self.article_id,
            "source": self.source,
            "t": self.published,
            "h": encode_ints(self.shingles.ordered, 4),
            "b": encode_ints(self.shingles.minhash, 4),
            "f": encode_ints(sorted(self.numbers), 2),
            "v": self.vector,
            "home": self.home,
            "cx": self.votes,
        }

    @classmethod
    def from_message(cls, message: Mapping[str, Any], params: DedupParams) -> Probe:
        """Inverse of to_message."""
        ordered, minhash = decode_ints(message["h"], 4), decode_ints(message["b"], 4)
        keys = tuple(band_keys(minhash, params.rows_per_band))
        sh = Shingles(frozenset(ordered), ordered, ordered[: params.sketch_size], minhash, keys)
        return cls(
            ref=message["ref"],
            article_id=message["id"],
            source=message["source"],
            published=int(message["t"]),
            shingles=sh,
            numbers=frozenset(decode_ints(message["f"], 2)),
            vector=dict(message["v"]),
            home=int(message["home"]),
            votes=message.get("cx", {}),
        )


def _pick(a: Any, b: Any, key: Callable[[Any], Any]) -> Any:
    """The greater of two matches by key, either of which may be None (the first on a tie)."""
    if a is None or b is None:
        return b if a is None else a
    return a if key(a) >= key(b) else b


def better(a: Any, b: Any) -> Any:
    """The better of two matches by their rank (see CopyMatch.rank and StoryMatch.rank)."""
    return _pick(a, b, lambda match: match.rank())


def older(a: StoryMatch | None, b: StoryMatch | None) -> StoryMatch | None:
    """The older of two stories (see StoryMatch.age)."""
    return cast(StoryMatch | None, _pick(a, b, StoryMatch.age))


@dataclass(frozen=True)
class Findings:
    """The best matches found so far: merged shard by shard, so the order of shards does not matter."""

    copy: CopyMatch | None = None
    active: StoryMatch | None = None  # the story to join, still in its news cycle
    linked: StoryMatch | None = None  # else an earlier story to continue the storyline of
    earliest: StoryMatch | None = None  # on a recheck: the oldest similar story founded before the article's own

    def merge(self, other: Findings) -> Findings:
        return Findings(
            better(self.copy, other.copy),
            better(self.active, other.active),
            better(self.linked, other.linked),
            older(self.earliest, other.earliest),
        )

    def to_message(self) -> dict[str, Any]:
        """JSON form (schemas/dedup.route.json `found`)."""
        return asdict(self)

    @classmethod
    def from_message(cls, message: Mapping[str, Any]) -> Findings:
        copy, active, linked, earliest = (message.get(name) for name in ("copy", "active", "linked", "earliest"))
        return cls(
            CopyMatch(**copy) if copy else None,
            StoryMatch(**active) if active else None,
            StoryMatch(**linked) if linked else None,
            StoryMatch(**earliest) if earliest else None,
        )


@dataclass(frozen=True)
class Commit:
    """The decision about one article, applied at its story's home shard."""

    article_id: str
    ref: str
    source: str
    published: int
    mode: str  # "found" a new story, "join" one by similarity, or "copy": follow the original into its story
    story_ref: str
    story_home: int
    line: str  # the storyline of a new story
    vector: dict[str, float]
    duplicate_of: str | None = None
    similarity: float | None = None
    is_new_version: bool = False
    home: int = 0  # the article's home shard
    redirected: bool = False  # sent on once already, from a story whose founder left it
    votes: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # the article's, for its story's context
    line_context: Mapping[str, str] = field(default_factory=dict)  # a new story's storyline's, which it inherits

    def to_message(self) -> dict[str, Any]:
        """JSON form (schemas/dedup.route.json `commit`)."""
        return asdict(self)

    @classmethod
    def from_message(cls, message: Mapping[str, Any]) -> Commit:
        return cls(**message)
