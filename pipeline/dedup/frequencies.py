"""Document frequencies in few, large values: 256 chunks and one delta per article, the counts held in memory.

A term's document frequency was one value per hashed term, so each article wrote about 170 values, each
a changelog record (issue 17: most of the dedup index's writes). Now each article writes one delta, the
list of its hashed terms, under its document number; every FOLD_EVERY articles the deltas are folded into
the 256 chunks (by the high bits of the 20-bit hashed term) and deleted. That is about 1 + (256 +
FOLD_EVERY + 1) / FOLD_EVERY = 6 writes per article. The counts are the same as before, so the TF-IDF
vectors and every verdict are too.

The counts are read from memory, loaded from the mapping on first use: the chunks, then the deltas not
yet folded. Each chunk notes the last document folded into it, so a fold cut short by a crash (some
chunks written, others not, the deltas still there) loads without counting a document twice; the
`folded` mark is written last, after the deltas are deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from pipeline.dedup.state import JsonMap

CHUNKS = 256
_CHUNK_SHIFT = 12  # the hashed term has 20 bits (stories.df_key): the high 8 pick the chunk
FOLD_EVERY = 64
# Keys in the mapping; none is a lowercase hex term, as the old one-value-per-term keys were.
FOLDED = "folded"


def chunk_of(key: str) -> int:
    """The chunk a hashed term (hex, as stories.df_key gives it) is counted in."""
    return int(key, 16) >> _CHUNK_SHIFT


def _chunk_key(chunk: int) -> str:
    return f"c:{chunk}"


def _delta_key(document: int) -> str:
    return f"d:{document}"


class DocumentFrequencies(Mapping[str, int]):
    """hashed term -> documents that contain it, over a mapping of chunks and per-article deltas.

    Read it after `load` (the count of documents says which deltas exist); `count_document` loads too.
    """

    def __init__(self, store: JsonMap) -> None:
        self.store = store
        self._chunks: list[dict[str, int]] | None = None
        self._folded_into: list[int] = []  # by chunk, the last document its stored counts hold
        self._touched: set[int] = set()  # chunks changed since the last fold

    def forget(self) -> None:
        """Load the counts again on next use (the mapping changed behind this object: a rebalance)."""
        self._chunks = None

    def load(self, documents: int) -> DocumentFrequencies:
        """Itself, with the counts loaded (once) as of `documents` counted documents."""
        if self._chunks is None:
            self._chunks = self._load(documents)
        return self

    def _load(self, documents: int) -> list[dict[str, int]]:
        chunks: list[dict[str, int]] = []
        folded_into: list[int] = []
        for chunk in range(CHUNKS):
            value = self.store.get(_chunk_key(chunk))
            chunks.append(dict(value["n"]) if value else {})
            folded_into.append(int(value["u"]) if value else -1)
        self._folded_into = folded_into
        self._touched = set()
        # Deltas from `documents` on were written by a run that stopped before counting the document: the
        # article is counted again when it is redelivered, and its delta written again.
        for document in range(int(self.store.get(FOLDED, -1)) + 1, documents):
            for key in self.store.get(_delta_key(document)) or ():
                chunk = chunk_of(key)
                if document > folded_into[chunk]:
                    counts = chunks[chunk]
                    counts[key] = counts.get(key, 0) + 1
                    self._touched.add(chunk)
        return chunks

    def _counts(self) -> list[dict[str, int]]:
        if self._chunks is None:
            raise RuntimeError("document frequencies read before load()")
        return self._chunks

    def __getitem__(self, key: str) -> int:
        return self._counts()[chunk_of(key)][key]

    def get(self, key: str, default: int = 0) -> int:  # type: ignore[override]
        """A term's count, or the default (0)."""
        return self._counts()[chunk_of(key)].get(key, default)

    def __iter__(self) -> Iterator[str]:
        for counts in self._counts():
            yield from counts

    def __len__(self) -> int:
        return sum(len(counts) for counts in self._counts())

    def count_document(self, keys: Iterable[str], document: int) -> None:
        """Count document number `document` (from 0; the documents counted before it) with its hashed terms.

        Counting a document again after a crash cut its fold short counts it once: a chunk the fold
        wrote already holds it.
        """
        chunks = self.load(document)._counts()
        if document <= int(self.store.get(FOLDED, -1)):
            return
        unique = sorted(set(keys))
        self.store[_delta_key(document)] = unique
        for key in unique:
            chunk = chunk_of(key)
            if document <= self._folded_into[chunk]:
                continue
            counts = chunks[chunk]
            counts[key] = counts.get(key, 0) + 1
            self._touched.add(chunk)
        if (document + 1) % FOLD_EVERY == 0:
            self._fold(document)

    def _fold(self, upto: int) -> None:
        """Write the chunks the deltas changed (their counts are all in memory), then delete the deltas."""
        chunks = self._counts()
        for chunk in sorted(self._touched):
            self.store[_chunk_key(chunk)] = {"u": upto, "n": dict(chunks[chunk])}
            self._folded_into[chunk] = upto
        self._touched = set()
        for document in range(int(self.store.get(FOLDED, -1)) + 1, upto + 1):
            self.store.pop(_delta_key(document), None)
        self.store[FOLDED] = upto
