"""Dedup: near-verbatim copies (MinHash LSH + containment) and stories (online TF-IDF centroids).

Two levels, both online: each article is decided using only the articles observed before it,
then indexed.

* Near-verbatim (reposts, trims, re-headlined copies, write-throughs): word 5-gram shingles per
  paragraph; datasketch MinHash values, one per LSH band, find candidates through `bands`;
  a bottom-k sketch of each stored article's shingle hashes verifies them by containment as well
  as Jaccard (a copy trimmed to its first 30% has Jaccard 0.29 but containment 1.0).
* Same story: online single-pass clustering of TF-IDF vectors (running document frequencies in
  state) against story centroids within `story_window_hours`, with named-entity and figure terms
  boosted (after Miranda et al., EMNLP 2018). A story that cannot be joined is linked to the most
  similar earlier story within `storyline_window_days`: the storyline.

All state lives in the plain mappings of `DedupState` (dicts offline, Faust tables in the
stream); every value is JSON and is written back whole, never mutated in place, so a table
sees each change.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import heapq
import json
import math
import re
import zlib
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any, cast

from datasketch import MinHash
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

from pipeline import schemas
from pipeline.ingest import Article
from pipeline.settings import Settings

JsonMap = MutableMapping[str, Any]

# Words that carry no event: stop words plus the attribution verbs every news article uses.
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS | {"said", "says", "say", "told", "according", "mr", "mrs", "ms"})
# Spelled numbers a write-through may change; "one" is left out because it is mostly a pronoun.
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion trillion dozen dozens hundreds thousands millions billions".split()
)
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN_OR_STOP = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*|[.!?]")
_HOUR_SECONDS = 3600
_BUCKET_SECONDS = 60
_MAX_NUMBERS = 64


@dataclass(frozen=True)
class DedupParams:
    """Tuning of the dedup core that is not a deployment setting (see the report of issue 5 for what was tried)."""

    shingle_words: int = 5
    # One MinHash value per band (r=1): a trimmed copy has low Jaccard, and with r=1 a candidate
    # is found with probability 1-(1-J)^b (0.996 at J=0.29, b=16); false candidates are cheap to verify.
    bands: int = 16
    rows_per_band: int = 1
    sketch_size: int = 48
    # A hot bucket (boilerplate shingle that is the minimum for many articles) keeps only its newest ids.
    bucket_cap: int = 64
    centroid_terms: int = 64
    index_terms: int = 12
    query_terms: int = 10
    posting_cap: int = 64
    max_candidates: int = 32
    headline_weight: float = 2.0
    entity_boost: float = 2.0
    figure_boost: float = 1.5
    # Truncation stemming: folds Zelensky/Zelenskiy/Zelenskyy and soldier/soldiers together.
    stem_chars: int = 6
    # A word's idf is capped by its background idf, 1 - ln(min(1, scale * p)) with p its frequency
    # in general English (wordfreq): running document counts alone are noise early in a stream or on
    # a small shard, and let a common word ("american", "week") that is rare so far link two events.
    # 0 turns the cap off. On the UCI headlines 300 and 3000 scored below 1000.
    background_scale: float = 1000.0
    storyline_threshold: float | None = None  # None: settings.story_threshold


@dataclass(frozen=True)
class DedupState:
    """Every piece of dedup state, each a mapping with str keys and JSON values."""

    signatures: JsonMap = field(default_factory=dict)  # article ref -> near-dup record
    bands: JsonMap = field(default_factory=dict)  # band key -> article refs (partitionable by key)
    stories: JsonMap = field(default_factory=dict)  # story ref -> centroid record
    postings: JsonMap = field(default_factory=dict)  # term -> story refs whose centroid ranks it high
    document_frequencies: JsonMap = field(default_factory=dict)  # hashed term -> document count
    timeline: JsonMap = field(default_factory=dict)  # minute bucket -> refs to check at expiry
    meta: JsonMap = field(default_factory=dict)  # documents seen, oldest live minute bucket per kind
    members: JsonMap = field(default_factory=dict)  # article ref -> [story ref, outlets counted]: commits applied

    def mappings(self) -> dict[str, JsonMap]:
        """The mappings by name."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class Verdict:
    """What dedup decided about one article."""

    article_id: str
    duplicate_of: str | None
    similarity: float | None
    story_id: str
    storyline_id: str
    is_new_version: bool
    story_sources: int

    @property
    def is_near_duplicate(self) -> bool:
        """True for a near-verbatim copy that is not a new version: its figures add nothing."""
        return self.duplicate_of is not None and not self.is_new_version

    def to_message(self) -> dict[str, Any]:
        """The `verdict` message form (schemas/dedup.json)."""
        message = {
            "article_id": self.article_id,
            "duplicate_of": self.duplicate_of,
            "similarity": self.similarity,
            "story_id": self.story_id,
            "storyline_id": self.storyline_id,
            "is_new_version": self.is_new_version,
            "story_sources": self.story_sources,
        }
        schemas.validate("dedup", message)
        return message


@dataclass(frozen=True)
class Shingles:
    """An article's word-shingle hashes and the sketches derived from them."""

    hashes: frozenset[int]
    ordered: tuple[int, ...]  # sorted, to count hashes below a threshold
    sketch: tuple[int, ...]  # the sketch_size smallest hashes
    minhash: tuple[int, ...]  # datasketch MinHash values, bands * rows_per_band of them
    keys: tuple[str, ...] = ()  # the LSH band keys of the MinHash values


@dataclass(frozen=True)
class Overlap:
    """Estimated overlap of a new article (A) with a stored one (B)."""

    containment_new: float  # |A & B| / |A|
    containment_old: float  # |B & A| / |B|
    jaccard: float
    similarity: float  # containment of the shorter in the longer


# ---------------------------------------------------------------- near-verbatim: pure functions


def article_ref(article_id: str) -> str:
    """A short stable key for an article id (48 bits: no collision expected below ~10M live ids)."""
    digest = hashlib.blake2b(article_id.encode("utf-8"), digest_size=6).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")


@lru_cache(maxsize=8)
def paragraphs(article: Article) -> tuple[str, ...]:
    """The headline and the body's paragraphs, blank and repeated ones dropped (a body may repeat its headline)."""
    # Split on each newline: the empty pieces between newlines go with the blank paragraphs.
    return tuple(dict.fromkeys(filter(None, map(str.strip, article.text.split("\n")))))


def shingle_hashes(texts: Iterable[str], words: int) -> set[int]:
    """32-bit hashes of word n-grams within each paragraph (so shuffling paragraphs changes nothing)."""
    grams: list[str] = []
    for text in texts:
        tokens = _WORD.findall(text.lower())
        if len(tokens) <= words:
            if tokens:
                grams.append(" ".join(tokens))
        else:
            grams.extend(" ".join(tokens[i : i + words]) for i in range(len(tokens) - words + 1))
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    return {from_bytes(blake2b(gram.encode("utf-8"), digest_size=4).digest(), "little") for gram in grams}


@lru_cache(maxsize=8)
def _minhash(num_perm: int) -> tuple[MinHash, Any]:
    # One MinHash per size, reset before each use: building one re-parses its permutations.
    # Its hash values as built are the empty state; a copy of them is what clear() makes (with np.full, slower).
    minhash = MinHash(num_perm=num_perm, seed=1, hashfunc=int, scheme="affine32")
    return minhash, minhash.hashvalues.copy()


def shingles(article: Article, params: DedupParams) -> Shingles:
    """Shingle an article and sketch it: bottom-k for verification, MinHash for LSH."""
    hashes = shingle_hashes(paragraphs(article), params.shingle_words)
    ordered = tuple(sorted(hashes))
    minhash, empty = _minhash(params.bands * params.rows_per_band)
    minhash.hashvalues = empty.copy()
    minhash.update_batch(ordered)
    values = tuple(minhash.hashvalues.tolist())
    keys = tuple(band_keys(values, params.rows_per_band))
    return Shingles(frozenset(hashes), ordered, ordered[: params.sketch_size], values, keys)


_BAND_PREFIXES = [f"{band:x}." for band in range(1024)]


def band_keys(minhash: tuple[int, ...], rows_per_band: int) -> list[str]:
    """LSH band keys: band number and the band's values (hashed when a band has several rows)."""
    if rows_per_band == 1:
        return [prefix + format(value, "08x") for prefix, value in zip(_BAND_PREFIXES, minhash, strict=False)]
    keys = []
    for band in range(len(minhash) // rows_per_band):
        values = minhash[band * rows_per_band : (band + 1) * rows_per_band]
        value = values[0] if rows_per_band == 1 else zlib.crc32(array("I", values).tobytes())
        keys.append(f"{band:x}.{value:08x}")
    return keys


def overlap(new: Shingles, sketch: tuple[int, ...], size: int, sketch_size: int) -> Overlap:
    """Estimate containment both ways and Jaccard from A's full hash set and B's bottom-k sketch.

    Every hash of B up to the sketch's largest is in the sketch, so A's hashes up to it are a
    sample of A whose membership in B is known exactly: a true subset scores 1.0, not about 1.0.
    """
    if not sketch or not new.hashes:
        return Overlap(0.0, 0.0, 0.0, 0.0)
    shared = sum(1 for h in sketch if h in new.hashes)
    complete = len(sketch) < sketch_size or size <= len(sketch)
    n_new = len(new.hashes)
    if complete:
        intersection = float(shared)
        containment_new = shared / n_new
    else:
        intersection = shared / len(sketch) * size
        sampled = bisect_right(new.ordered, sketch[-1])
        containment_new = shared / sampled if sampled else min(1.0, intersection / n_new)
    intersection = min(intersection, float(n_new), float(size))  # an estimate cannot exceed either set
    containment_old = intersection / size if size else 0.0
    union = n_new + size - intersection
    jaccard = intersection / union if union > 0 else 0.0
    similarity = containment_new if n_new <= size else containment_old
    return Overlap(containment_new, containment_old, jaccard, similarity)


def number_keys(text: str) -> set[int]:
    """16-bit keys of the numbers written in a text, digits (55,000 -> 55000) and number words."""
    # No token spans a newline, so each distinct line is read once (a UCI body repeats its headline).
    tokens = {token for line in set(text.split("\n")) for token in _TOKEN.findall(line)}
    values = [token.replace(",", "").rstrip(".") for token in tokens if token[0].isdigit()]
    values.extend(NUMBER_WORDS.intersection(map(str.lower, tokens)))  # a digit never lowers to a letter
    return {zlib.crc32(value.encode("ascii", "replace")) & 0xFFFF for value in values}


def encode_ints(values: Iterable[int], width: int) -> str:
    """Unsigned ints as compact base64 (width 2 or 4 bytes each)."""
    # binascii directly: what base64.b64encode calls, without its wrapper's checks.
    return binascii.b2a_base64(array("H" if width == 2 else "I", values).tobytes(), newline=False).decode("ascii")


def decode_ints(text: str, width: int) -> tuple[int, ...]:
    """Inverse of encode_ints."""
    values = array("H" if width == 2 else "I")
    values.frombytes(binascii.a2b_base64(text))
    return tuple(values)


# ---------------------------------------------------------------- stories: pure functions


def _is_title_case(tokens: list[str]) -> bool:
    # A Title Case headline capitalises every word, so capitals say nothing about names there.
    long_words = [t for t in tokens if len(t) > 3 and t[0].isalpha()]
    return len(long_words) >= 3 and sum(t[0].isupper() for t in long_words) >= 0.7 * len(long_words)


def term_counts(article: Article, params: DedupParams) -> defaultdict[str, float]:
    """Weighted term counts: stemmed words, `e:` for capitalised names, `n:` for figures."""
    counts: defaultdict[str, float] = defaultdict(float)
    for index, paragraph in enumerate(paragraphs(article)):
        weight = params.headline_weight if index == 0 and article.headline else 1.0
        tokens = _TOKEN_OR_STOP.findall(paragraph)
        # Capitals in a headline are house style (many outlets title-case), not a sign of a name.
        names = index > 0 and not _is_title_case(tokens)
        sentence_start = True
        for token in tokens:
            if token in ".!?":
                sentence_start = True
                continue
            if token[0].isdigit():
                counts["n:" + token.replace(",", "").rstrip(".")] += weight
            else:
                stem = _stem(token, params.stem_chars)
                if stem:
                    counts[stem] += weight
                    # A capital is a name unless it only opens a sentence.
                    if names and not sentence_start and token[0].isupper():
                        counts["e:" + stem] += weight
            sentence_start = False
    return counts


@lru_cache(maxsize=1 << 16)
def _stem(token: str, stem_chars: int) -> str:
    """A word's term: lower case, possessive dropped, truncated; empty for a stop word or a single letter."""
    lower = token.lower().replace("’", "'").removesuffix("'s")
    return lower[:stem_chars] if lower not in STOP_WORDS and len(lower) > 1 else ""


_YEAR = re.compile(r"(?:19|20)\d\d")


@lru_cache(maxsize=4)
def background_frequencies(stem_chars: int) -> dict[str, float]:
    """Frequency in general English of each stem (the summed frequency of the words it stems), from wordfreq."""
    from wordfreq import get_frequency_list

    stems: defaultdict[str, float] = defaultdict(float)
    # Words come in buckets of one centibel: bucket i holds the words of frequency 10^(-i/100).
    for bucket, words in enumerate(get_frequency_list("en")):
        frequency = 10.0 ** (-bucket / 100)
        for word in words:
            stems[word.replace("’", "'").removesuffix("'s")[:stem_chars]] += frequency
    # A stem rarer than this never caps a running idf (1 - ln 1e-4 exceeds ln of any stream's size).
    return {stem: frequency for stem, frequency in stems.items() if frequency >= 1e-7}


@lru_cache(maxsize=4)
def _background_idf(stem_chars: int, scale: float) -> dict[str, float]:
    """The background idf of each stem, 1 - ln(min(1, scale * p)): the most a term's idf may be."""
    return {
        stem: 1.0 - math.log(min(1.0, scale * frequency))
        for stem, frequency in background_frequencies(stem_chars).items()
        if frequency > 0
    }


@lru_cache(maxsize=1 << 16)
def _term_info(
    term: str, stem_chars: int, scale: float, entity_boost: float, figure_boost: float
) -> tuple[str, float, float]:
    """What tfidf needs of a term, whatever the counts: its df key, idf cap (inf: none) and boost."""
    kind = term[:2]
    if kind == "n:":
        digits = term[2:]
        # Years, dates and small counts (2014, 10, 3) are everywhere; a figure like 55000 names an event.
        small = _YEAR.fullmatch(digits) or len(digits.replace(".", "")) < 3
        return df_key(term), math.inf, 1.0 if small else figure_boost
    caps = _background_idf(stem_chars, scale) if scale > 0 else {}
    return df_key(term), caps.get(term[2:] if kind == "e:" else term, math.inf), entity_boost if kind == "e:" else 1.0


@lru_cache(maxsize=1 << 16)
def df_key(term: str) -> str:
    """The document-frequency bucket of a term: 2^20 buckets bound the vocabulary kept."""
    return format(zlib.crc32(term.encode("utf-8")) & 0xFFFFF, "x")


def tfidf(
    counts: Mapping[str, float], frequencies: Mapping[str, int], documents: int, params: DedupParams
) -> dict[str, float]:
    """Unit-length TF-IDF vector of the top `centroid_terms` terms (sublinear tf, smoothed idf capped by the
    background idf, boosts)."""
    weights: dict[str, float] = {}
    log_documents = math.log(1 + documents) + 1.0
    log = math.log
    fixed = (params.stem_chars, params.background_scale, params.entity_boost, params.figure_boost)
    for term, count in counts.items():
        key, cap, boost = _term_info(term, *fixed)
        idf = log_documents - log(1 + frequencies.get(key, 0))
        if cap < idf:
            idf = cap
        weights[term] = (1.0 + log(count)) * idf * boost if count >= 1 else count * idf * boost
    # Stable, so equal weights keep their order (as with key=-weight).
    top = sorted(weights.items(), key=itemgetter(1), reverse=True)[: params.centroid_terms]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {term: w / norm for term, w in top}


def cosine(vector: Mapping[str, float], centroid: Mapping[str, float], centroid_norm: float) -> float:
    """Cosine of a unit vector with a centroid of known norm."""
    if centroid_norm <= 0:
        return 0.0
    return sum(w * centroid[t] for t, w in vector.items() if t in centroid) / centroid_norm


def add_to_centroid(centroid: Mapping[str, float], vector: Mapping[str, float], keep: int) -> dict[str, float]:
    """Sum of a centroid and a vector, cut to its `keep` heaviest terms (sparse top-k)."""
    total = dict(centroid)
    for term, weight in vector.items():
        total[term] = round(total.get(term, 0.0) + weight, 4)
    if len(total) > keep:
        # What heapq.nlargest returns (its documented equivalent), and faster when keep is most of total.
        total = dict(sorted(total.items(), key=itemgetter(1), reverse=True)[:keep])
    return total


def _norm(centroid: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in centroid.values()))


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def _append_capped(values: list[str] | None, item: str, cap: int) -> list[str]:
    # A new list, never the stored one mutated: a table only sees a value that is assigned.
    if not values:
        return [item]
    if item in values:
        return values
    return (values[1 - cap :] if len(values) >= cap else values) + [item]


def signature_record(
    article_id: str,
    published: int,
    size: int,
    sketch: Iterable[int],
    minhash: Iterable[int],
    numbers: Iterable[int],
    story_ref: str | None,
) -> dict[str, Any]:
    """The near-dup state of one article, about 500 bytes of JSON: sketches as base64, not int lists."""
    return {
        "id": article_id,
        "t": published,
        "n": size,
        "k": encode_ints(sketch, 4),
        "b": encode_ints(minhash, 4),
        "f": encode_ints(sorted(numbers)[:_MAX_NUMBERS], 2),
        "s": story_ref,
    }


# ---------------------------------------------------------------- the stateful core
#
# One article goes through four steps. `start` (at the article's home shard) shingles it, builds
# its TF-IDF vector and counts its terms; `search` (at every shard) finds the best near-verbatim
# original and the best story among that shard's own entries; `finalize` (back at home) decides
# and indexes the article's signature; `commit` (at the chosen story's home shard) joins or
# founds the story and gives the verdict. Offline, one Deduplicator is the only shard and
# `observe` runs the four steps in a row; the stream runs one shard per partition and carries
# Probe, Findings and Commit between partitions as messages.


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
        )


@dataclass(frozen=True)
class CopyMatch:
    """The earlier article a new one copies near-verbatim."""

    ref: str
    article_id: str
    similarity: float
    published: int
    new_version: bool  # the copy brings a figure the original lacks: a write-through
    story_ref: str | None  # the original's story, its home shard and its start
    story_home: int = 0
    story_start: int = 0

    def rank(self) -> tuple[bool, float, int, str]:
        """Better is greater: a copy whose figures the original covers, then more similar, then older."""
        return (not self.new_version, self.similarity, -self.published, self.ref)


@dataclass(frozen=True)
class StoryMatch:
    """A story an article is similar to, at its home shard."""

    ref: str
    home: int
    similarity: float
    start: int  # t0 of the story
    line: str  # its storyline id

    def rank(self) -> tuple[float, str]:
        return (self.similarity, self.ref)

    def age(self) -> tuple[int, str]:
        return (-self.start, self.ref)  # greater is older


def _pick(a: Any, b: Any, key: Callable[[Any], Any]) -> Any:
    """The greater of two matches by key, either of which may be None (the first on a tie)."""
    if a is None or b is None:
        return b if a is None else a
    return a if key(a) >= key(b) else b


def _better(a: Any, b: Any) -> Any:
    return _pick(a, b, lambda match: match.rank())


def _older(a: StoryMatch | None, b: StoryMatch | None) -> StoryMatch | None:
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
            _better(self.copy, other.copy),
            _better(self.active, other.active),
            _better(self.linked, other.linked),
            _older(self.earliest, other.earliest),
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

    def to_message(self) -> dict[str, Any]:
        """JSON form (schemas/dedup.route.json `commit`)."""
        return asdict(self)

    @classmethod
    def from_message(cls, message: Mapping[str, Any]) -> Commit:
        return cls(**message)


# Members a story notes in its own record, with the outlets counted for each (see commit).
_RECENT_MEMBERS = 8


def chain(home: int, shards: int) -> list[int]:
    """The shards an article's search visits, in ring order from its home, home last (where it is decided)."""
    return [(home + step) % shards for step in range(1, shards)] + [home]


class Deduplicator:
    """One shard of the dedup index: decides each article against the earlier ones, then indexes it."""

    def __init__(
        self,
        settings: Settings,
        state: DedupState | None = None,
        params: DedupParams | None = None,
        shard: int = 0,
        shards: int = 1,
    ) -> None:
        self.settings = settings
        self.state = state if state is not None else DedupState()
        self.params = params or DedupParams()
        self.shard = shard
        # With several shards, a new story is checked again before its verdict (see `recheck`).
        self.shards = shards
        self.near_window_seconds = int(settings.near_duplicate_window_hours * _HOUR_SECONDS)
        self.story_window_seconds = int(settings.story_window_hours * _HOUR_SECONDS)
        self.storyline_window_seconds = int(settings.storyline_window_days * 24 * _HOUR_SECONDS)
        self.storyline_threshold = self.params.storyline_threshold or settings.story_threshold
        if self.params.background_scale > 0:
            background_frequencies(self.params.stem_chars)  # load once (~0.5 s), not in the first article

    # -- offline: this shard is the only one

    def observe(self, article: Article) -> Verdict:
        """Decide using earlier articles, then index this one; seeing an article again repeats its verdict."""
        verdict = self.commit(self.finalize(self.start(article), Findings()))
        assert isinstance(verdict, Verdict), "a lone shard's stories never lose their founder"
        return verdict

    def observe_all(self, articles: Iterable[Article]) -> list[Verdict]:
        """Observe articles in the order given (offline runs and tests)."""
        return [self.observe(article) for article in articles]

    def lookup(self, article: Article) -> CopyMatch | None:
        """The earlier article this one copies near-verbatim, without indexing it."""
        probe = self.probe(article)
        return self.find_copy(probe, probe.published)

    # -- the four steps

    def start(self, article: Article) -> Probe:
        """At the article's home shard: its probe, with a TF-IDF vector from this shard's document frequencies."""
        counts = term_counts(article, self.params)
        documents = int(self.state.meta.get("documents", 0))
        vector = tfidf(counts, self.state.document_frequencies, documents, self.params)
        return self.probe(article, vector, counts)

    def search(self, probe: Probe, found: Findings | None = None, recheck: bool = False) -> Findings:
        """Merge this shard's best near-verbatim original and stories for a probe into what was found so far.

        A recheck looks only for stories founded before the probe's own (see `recheck`).
        """
        if recheck:
            earliest = self._earliest_story(probe.vector, probe.published, before=(probe.published, probe.ref))
            return (found or Findings()).merge(Findings(earliest=earliest))
        copy = self.find_copy(probe, probe.published)
        active, linked = self._nearest_stories(probe.vector, probe.published)
        return (found or Findings()).merge(Findings(copy, active, linked))

    def found_here(self, decision: Commit) -> bool:
        """True when a decision founds a story that, with several shards, must be rechecked before its verdict."""
        return self.shards > 1 and decision.mode == "found" and decision.story_home == self.shard

    def recheck(self, probe: Probe, found: Findings) -> Verdict | Commit:
        """At home, after searching every shard again for the story this article just founded.

        Two first reports of a new event that arrive together search the shards at the same
        time, and neither finds the other's story, which does not exist yet: each founds one. So
        a founder's story is made visible at once, and its search runs once more before the
        verdict. If stories founded earlier (by publication time, then ref) are now similar
        enough, the article leaves its own story, unless another article joined it meanwhile,
        and joins the oldest of them, whose founder stays. Offline, one article at a time, a
        recheck never finds anything.
        """
        found = self.search(probe, found, recheck=True)
        story = self.state.stories.get(probe.ref)
        target = found.earliest
        if story is not None and (target is None or story["n"] > 1):
            return self.commit(self._commit_for(probe, "join", probe.ref, self.shard))
        if story is not None:
            self._drop_story(probe.ref, cutoff=None)
        if target is None:  # the story expired meanwhile (a replay of old copy): found it again
            return self.commit(self._commit_for(probe, "found", probe.ref, self.shard))
        record = self.state.signatures.get(probe.ref)
        if record is not None:
            # Copies of this article follow it into the story it joined.
            self.state.signatures[probe.ref] = dict(record, s=target.ref, h=target.home, s0=target.start)
        decision = self._commit_for(probe, "join", target.ref, target.home)
        return self.commit(decision) if target.home == self.shard else decision

    def _commit_for(
        self,
        probe: Probe,
        mode: str,
        story_ref: str,
        story_home: int,
        line: str | None = None,
        copy: Mapping[str, Any] | None = None,
    ) -> Commit:
        """A decision about the probe's article; `copy` gives duplicate_of, similarity and is_new_version."""
        return Commit(
            article_id=probe.article_id,
            ref=probe.ref,
            source=probe.source,
            published=probe.published,
            mode=mode,
            story_ref=story_ref,
            story_home=story_home,
            line=line or probe.article_id,
            vector=probe.vector,
            home=self.shard,
            **(copy or {}),
        )

    def finalize(self, probe: Probe, found: Findings, article: Article | None = None) -> Commit:
        """At home, after every other shard's search: decide, index the signature, say where the story is.

        `article` is needed when the probe came as a message (without its term counts). The
        commit returned goes to its story's home shard: this one or another.
        """
        known = self._known(probe)
        if known is not None:
            repeated = {
                "duplicate_of": known.get("d"),
                "similarity": known.get("m"),
                "is_new_version": bool(known.get("v")),
            }
            return self._commit_for(probe, "join", known["s"], int(known.get("h", self.shard)), copy=repeated)
        found = self.search(probe, found)
        now, copy = probe.published, found.copy
        line = found.linked.line if found.linked is not None else probe.article_id
        if copy is not None and copy.story_ref is not None and abs(now - copy.story_start) <= self.story_window_seconds:
            # A copy is not an independent report: it joins its original's story unchanged.
            mode, story_ref, home, story_start = "copy", copy.story_ref, copy.story_home, copy.story_start
        elif found.active is not None:
            mode, story_ref, home, story_start = "join", found.active.ref, found.active.home, found.active.start
        else:
            mode, story_ref, home, story_start = "found", probe.ref, self.shard, now
        if mode != "copy":
            # Document frequencies count independent reports; a copy would count its words twice.
            counts = probe.counts
            if counts is None:
                if article is None:
                    raise ValueError("finalize needs the article when the probe has no term counts")
                counts = term_counts(article, self.params)
            self._count_document(counts)
        record = signature_record(
            probe.article_id, now, len(probe.shingles.hashes), probe.shingles.sketch, probe.shingles.minhash,
            probe.numbers, story_ref,
        )  # fmt: skip
        record.update(h=home, s0=story_start)
        copied: dict[str, Any] | None = None
        if copy is not None:
            # CopyMatch.similarity is already at most 1.
            copied = {"duplicate_of": copy.article_id, "similarity": round(copy.similarity, 4)}
            copied["is_new_version"] = copy.new_version
            record.update(d=copied["duplicate_of"], m=copied["similarity"], v=int(copy.new_version))
        self.index_record(probe.ref, record, probe.shingles.keys)
        return self._commit_for(probe, mode, story_ref, home, line=line, copy=copied)

    def commit(self, decision: Commit) -> Verdict | Commit:
        """At the story's home shard: found or join the story (once, however often this is redelivered).

        Returns the verdict, or the commit to send on when the story's founder has left it for another.
        """
        story_ref = decision.story_ref
        story = self.state.stories.get(story_ref)
        now = decision.published
        if story is None and decision.mode != "found" and not decision.redirected:
            # The story's founder may have left it on a recheck: follow the founder (its signature is here).
            founder = self.state.signatures.get(story_ref)
            if founder is not None and founder.get("s") not in (None, story_ref):
                redirected = replace(decision, story_ref=founder["s"], story_home=int(founder["h"]), redirected=True)
                return self.commit(redirected) if redirected.story_home == self.shard else redirected
        applied = self.state.members.get(decision.ref)
        if story is not None and applied is None:
            # The story's own note of its newest members is written with it, in one value: a crash
            # between the story's write and the member note's cannot make a repeat apply twice.
            applied = next(([story_ref, n] for ref, n in story.get("mem", ()) if ref == decision.ref), None)
        if applied is not None and applied[0] in self.state.stories:
            # Already applied: a repeat of this article or a redelivered message. The verdict is
            # repeated as it was, with the outlets counted then (a crash must not change a claim).
            story_ref, sources = applied
            story = self.state.stories[story_ref]
        elif story is None or decision.mode == "found":
            # Also when the chosen story expired in the meantime: the article founds its own.
            story_ref = decision.ref if story is None else story_ref
            centroid = {t: round(w, 4) for t, w in decision.vector.items()}
            story = {
                "id": decision.article_id,
                "line": decision.line,
                "t0": now,
                "t": now,
                "n": 1,
                "c": centroid,
                "nm": round(_norm(centroid), 6),
                "ix": [],
                "src": [decision.source],
                "mem": [[decision.ref, 1]],
            }
            story["ix"] = self._index_terms(story_ref, story)
            self._store_story(story_ref, story, now)
            sources = 1
            self._remember(decision.ref, story_ref, sources, now)
        else:
            story = dict(story, t=max(story["t"], now), n=story["n"] + 1)
            if decision.mode == "join":
                centroid = add_to_centroid(story["c"], decision.vector, self.params.centroid_terms)
                story.update(c=centroid, nm=round(_norm(centroid), 6))
                if decision.source not in story["src"]:
                    story["src"] = story["src"] + [decision.source]
                if story["n"] <= 4 or story["n"] % 4 == 0:
                    # A big centroid's top terms move slowly: re-posting on every fourth article is enough.
                    story["ix"] = self._index_terms(story_ref, story)
            sources = max(1, len(story["src"]))
            story["mem"] = [*story.get("mem", ())[1 - _RECENT_MEMBERS :], [decision.ref, sources]]
            self._store_story(story_ref, story, now)
            self._remember(decision.ref, story_ref, sources, now)
        return Verdict(
            article_id=decision.article_id,
            duplicate_of=decision.duplicate_of,
            similarity=decision.similarity,
            story_id=story["id"],
            storyline_id=story["line"],
            is_new_version=decision.is_new_version,
            story_sources=sources,
        )

    def expire(self, now: datetime) -> int:
        """Drop signatures older than the near-duplicate window and stories idle past the storyline window."""
        moment = _epoch(now)
        dropped = self._expire_kind("s", moment - self.near_window_seconds, self._drop_signature)
        self._expire_kind("m", moment - self.near_window_seconds, self._drop_member)
        dropped += self._expire_kind("t", moment - self.storyline_window_seconds, self._drop_story)
        return dropped

    # -- near-verbatim

    def probe(
        self, article: Article, vector: dict[str, float] | None = None, counts: Mapping[str, float] | None = None
    ) -> Probe:
        """An article's probe from this shard: shingles, sketches and figures (and its TF-IDF vector when given)."""
        sh = shingles(article, self.params)
        numbers = frozenset(number_keys(article.text))
        published = _epoch(article.published_at)
        ref = article_ref(article.id)
        return Probe(ref, article.id, article.source, published, sh, numbers, vector or {}, self.shard, counts)

    def _known(self, probe: Probe) -> Mapping[str, Any] | None:
        known = self.state.signatures.get(probe.ref)
        return known if known is not None and known["id"] == probe.article_id else None

    def find_copy(self, probe: Probe, now: int) -> CopyMatch | None:
        """The best earlier article in this shard that the probe's article copies near-verbatim."""
        candidates: set[str] = set()
        for key in probe.shingles.keys:
            candidates.update(self.state.bands.get(key, ()))
        candidates.discard(probe.ref)
        best: CopyMatch | None = None
        for candidate in candidates:
            record = self.state.signatures.get(candidate)
            if record is None or abs(now - record["t"]) > self.near_window_seconds:
                continue
            found = overlap(probe.shingles, decode_ints(record["k"], 4), record["n"], self.params.sketch_size)
            score = max(found.similarity, found.jaccard)
            if score >= self.settings.near_duplicate_threshold:
                # A write-through brings a figure that no earlier copy had; a trim only loses some,
                # and a late copy of the first version is not new because a write-through came between.
                covered = not probe.numbers - set(decode_ints(record["f"], 2))
                match = CopyMatch(
                    ref=candidate,
                    article_id=record["id"],
                    similarity=min(1.0, score),
                    published=record["t"],
                    new_version=not covered,
                    story_ref=record.get("s"),
                    story_home=int(record.get("h", self.shard)),
                    story_start=int(record.get("s0", record["t"])),
                )
                best = _better(best, match)
        return best

    def index_record(self, ref: str, record: dict[str, Any], keys: Iterable[str]) -> None:
        """Store a signature record and post it under its band keys (also used to fill benchmarks)."""
        self.state.signatures[ref] = record
        for key in keys:
            self.state.bands[key] = _append_capped(self.state.bands.get(key), ref, self.params.bucket_cap)
        self._schedule("s", ref, record["t"])

    # -- stories

    def _store_story(self, story_ref: str, story: dict[str, Any], now: int) -> None:
        self.state.stories[story_ref] = story
        self._schedule("t", story_ref, now)

    def _count_document(self, counts: Mapping[str, float]) -> None:
        frequencies = self.state.document_frequencies
        for key in {df_key(term) for term in counts}:
            frequencies[key] = frequencies.get(key, 0) + 1
        self.state.meta["documents"] = int(self.state.meta.get("documents", 0)) + 1

    def _candidates(self, vector: Mapping[str, float]) -> list[str]:
        """Stories posted under the vector's top terms, the most promising first."""
        scores: defaultdict[str, float] = defaultdict(float)
        query = heapq.nlargest(self.params.query_terms, vector.items(), key=itemgetter(1))
        for term, weight in query:
            for story_ref in self.state.postings.get(term, ()):
                scores[story_ref] += weight
        return [ref for ref, _ in heapq.nlargest(self.params.max_candidates, scores.items(), key=itemgetter(1))]

    def _scored(self, vector: Mapping[str, float]) -> Iterator[tuple[str, dict[str, Any], float]]:
        """The candidate stories that still exist, each with its cosine to the vector."""
        stories = self.state.stories
        for story_ref in self._candidates(vector):
            story = stories.get(story_ref)
            if story is not None:
                yield story_ref, story, cosine(vector, story["c"], story["nm"])

    def _nearest_stories(self, vector: Mapping[str, float], now: int) -> tuple[StoryMatch | None, StoryMatch | None]:
        """The best story to join (still in its news cycle) and, failing that, the best earlier one to link."""
        active: tuple[float, str] | None = None  # (similarity, ref): StoryMatch.rank of the best
        linked: tuple[float, str] | None = None
        threshold = self.settings.story_threshold
        for story_ref, story, similarity in self._scored(vector):
            rank = (similarity, story_ref)
            if abs(now - story["t0"]) <= self.story_window_seconds:
                if rank[0] >= threshold and (active is None or rank > active):
                    active = rank
            elif abs(now - story["t"]) <= self.storyline_window_seconds:
                if rank[0] >= self.storyline_threshold and (linked is None or rank > linked):
                    linked = rank
        return self._story_match(active), self._story_match(linked)

    def _story_match(self, rank: tuple[float, str] | None) -> StoryMatch | None:
        if rank is None:
            return None
        story = self.state.stories[rank[1]]
        return StoryMatch(rank[1], self.shard, rank[0], story["t0"], story["line"])

    def _earliest_story(self, vector: Mapping[str, float], now: int, before: tuple[int, str]) -> StoryMatch | None:
        """The oldest story in its news cycle, founded before `before` (t0, ref), that the vector would join."""
        earliest: StoryMatch | None = None
        for story_ref, story, similarity in self._scored(vector):
            if (story["t0"], story_ref) >= before or abs(now - story["t0"]) > self.story_window_seconds:
                continue
            if similarity >= self.settings.story_threshold:
                earliest = _older(earliest, StoryMatch(story_ref, self.shard, similarity, story["t0"], story["line"]))
        return earliest

    def _index_terms(self, story_ref: str, story: Mapping[str, Any]) -> list[str]:
        # A story is (re)posted under its current top terms, so a busy story is never crowded out
        # of a capped posting list by newer ones.
        indexed = list(story.get("ix", []))
        top = heapq.nlargest(self.params.index_terms, story["c"].items(), key=itemgetter(1))
        for term, _ in top:
            refs = self.state.postings.get(term) or []
            if not refs or refs[-1] != story_ref:
                # Move to the end: the list is capped by dropping the stories idle longest.
                refs = [r for r in refs if r != story_ref][-(self.params.posting_cap - 1) :] + [story_ref]
                self.state.postings[term] = refs
            if term not in indexed:
                indexed.append(term)
        return indexed

    # -- expiry

    def _schedule(self, kind: str, ref: str, now: int) -> None:
        # Minute buckets keep each list short; a late article goes to the oldest live bucket.
        minute = now // _BUCKET_SECONDS
        start = self.state.meta.get(f"from_{kind}")
        if start is None:
            self.state.meta[f"from_{kind}"] = start = minute
        key = f"{kind}{max(minute, start)}"
        refs = self.state.timeline.get(key) or []
        if not refs or refs[-1] != ref:
            self.state.timeline[key] = refs + [ref]

    def _expire_kind(self, kind: str, cutoff: int, drop: Any) -> int:
        start = self.state.meta.get(f"from_{kind}")
        if start is None:
            return 0
        last = cutoff // _BUCKET_SECONDS
        dropped = 0
        for minute in range(start, last):
            for ref in self.state.timeline.pop(f"{kind}{minute}", []):
                dropped += drop(ref, cutoff)
        self.state.meta[f"from_{kind}"] = max(start, last)
        return dropped

    def _remember(self, ref: str, story_ref: str, sources: int, now: int) -> None:
        # Kept as long as a signature: a message is not redelivered later than that.
        self.state.members[ref] = [story_ref, sources]
        self._schedule("m", ref, now)

    def _drop_member(self, ref: str, cutoff: int) -> int:
        # Not counted: a member is a note about an applied commit, not an indexed entry.
        self.state.members.pop(ref, None)
        return 0

    def _drop_signature(self, ref: str, cutoff: int) -> int:
        record = self.state.signatures.get(ref)
        if record is None or record["t"] >= cutoff:
            return 0
        for key in band_keys(decode_ints(record["b"], 4), self.params.rows_per_band):
            remaining = [r for r in self.state.bands.get(key, ()) if r != ref]
            if remaining:
                self.state.bands[key] = remaining
            elif key in self.state.bands:
                del self.state.bands[key]
        del self.state.signatures[ref]
        return 1

    def _drop_story(self, ref: str, cutoff: int | None) -> int:
        """Drop a story idle since before cutoff (any story when cutoff is None) and its postings."""
        story = self.state.stories.get(ref)
        if story is None or (cutoff is not None and story["t"] >= cutoff):
            return 0
        for term in story["ix"]:
            remaining = [r for r in self.state.postings.get(term, ()) if r != ref]
            if remaining:
                self.state.postings[term] = remaining
            elif term in self.state.postings:
                del self.state.postings[term]
        del self.state.stories[ref]
        return 1


def home_shard(article_id: str, shards: int) -> int:
    """An article's home shard offline (the stream uses the partition Kafka's partitioner gave its key)."""
    return zlib.crc32(article_id.encode("utf-8")) % shards


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


def render_stories(deduped: Iterable[Mapping[str, Any]]) -> list[str]:
    """One line per story of articles.deduped messages: its articles, outlets, copies and new versions."""
    stories: dict[str, list[Mapping[str, Any]]] = {}
    for message in deduped:
        stories.setdefault(message["dedup"]["story_id"], []).append(message)
    lines = []
    for story_id, members in sorted(stories.items(), key=lambda item: (-len(item[1]), item[0])):
        outlets = sorted({m["article"]["source"] for m in members if not m["dedup"]["duplicate_of"]})
        copies = sum(1 for m in members if m["dedup"]["duplicate_of"] and not m["dedup"]["is_new_version"])
        versions = sum(1 for m in members if m["dedup"]["is_new_version"])
        line = f"{story_id}: {len(members)} article{'s' if len(members) != 1 else ''}"
        line += f" from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''} ({', '.join(outlets)})"
        if copies:
            line += f", {copies} near-verbatim cop{'ies' if copies != 1 else 'y'}"
        if versions:
            line += f", {versions} new version{'s' if versions != 1 else ''}"
        lines.append(line)
    return lines


def json_size(value: Any) -> int:
    """Bytes of a value as compact JSON; a list of plain strings (the band index) is counted without encoding."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return 2 + sum(len(v) + 2 for v in value) + max(0, len(value) - 1)
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


def state_bytes(state: DedupState) -> dict[str, int]:
    """JSON bytes (keys and values) held in each state mapping: what a table with json values stores."""
    return {
        name: sum(len(key) + json_size(value) for key, value in mapping.items())
        for name, mapping in state.mappings().items()
    }
