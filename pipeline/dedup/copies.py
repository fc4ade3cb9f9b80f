"""Near-verbatim copies: word shingles, sketches, LSH band keys and containment.

Also the figures a copy may add (a write-through) and the signature record stored per article.
"""

from __future__ import annotations

import binascii
import hashlib
import re
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from datasketch import MinHash

from pipeline.dedup.params import DedupParams
from pipeline.ingest import Article

# Spelled numbers a write-through may change; "one" is left out because it is mostly a pronoun.
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion trillion dozen dozens hundreds thousands millions billions".split()
)
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_MAX_NUMBERS = 64


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
