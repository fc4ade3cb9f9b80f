"""Document frequencies in chunks and per-article deltas: the counts one value per term gave, in few writes."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from pipeline.dedup.frequencies import CHUNKS, FOLD_EVERY, DocumentFrequencies


class CountingDict(dict[str, Any]):
    """A dict that counts its writes and deletes, as a table's changelog records."""

    writes = 0

    def __setitem__(self, key: str, value: Any) -> None:
        self.writes += 1
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.writes += 1
        super().__delitem__(key)

    def pop(self, key: str, *default: Any) -> Any:
        if key in self:
            self.writes += 1
        return super().pop(key, *default)


def documents(count: int, seed: int = 3) -> list[set[str]]:
    rng = random.Random(seed)
    return [{format(rng.randrange(1 << 20) if rng.random() < 0.5 else rng.randrange(400), "x") for _ in range(170)}
            for _ in range(count)]  # fmt: skip


def test_counts_match_one_value_per_term_and_writes_are_few() -> None:
    docs = documents(3 * FOLD_EVERY + 5)
    store = CountingDict()
    frequencies = DocumentFrequencies(store)
    expected: Counter[str] = Counter()
    for number, keys in enumerate(docs):
        frequencies.count_document(keys, number)
        expected.update(keys)
    assert dict(frequencies.load(len(docs))) == dict(expected)
    assert store.writes / len(docs) < 1 + (CHUNKS + FOLD_EVERY + 1) / FOLD_EVERY + 0.5
    # Reloaded from the mapping alone (a restart), the counts are the same.
    assert dict(DocumentFrequencies(store).load(len(docs))) == dict(expected)


def test_a_fold_cut_short_counts_each_document_once() -> None:
    docs = documents(FOLD_EVERY + 3, seed=5)
    store: dict[str, Any] = {}
    frequencies = DocumentFrequencies(store)
    for number, keys in enumerate(docs[: FOLD_EVERY - 1]):
        frequencies.count_document(keys, number)
    before = dict(store)
    frequencies.count_document(docs[FOLD_EVERY - 1], FOLD_EVERY - 1)  # folds
    # The changelog got the delta and some chunks, not the deletes nor the `folded` mark.
    cut = dict(before)
    written = [key for key in store if key.startswith("c:")]
    cut[f"d:{FOLD_EVERY - 1}"] = sorted(docs[FOLD_EVERY - 1])
    for key in written[: len(written) // 2]:
        cut[key] = store[key]
    expected = Counter(key for keys in docs[:FOLD_EVERY] for key in keys)
    assert dict(DocumentFrequencies(cut).load(FOLD_EVERY)) == dict(expected)
    # The next fold completes the interrupted one.
    resumed = DocumentFrequencies(cut)
    for number in range(FOLD_EVERY, 2 * FOLD_EVERY):
        resumed.count_document(docs[number % len(docs)], number)
    expected.update(key for number in range(FOLD_EVERY, 2 * FOLD_EVERY) for key in docs[number % len(docs)])
    assert dict(DocumentFrequencies(cut).load(2 * FOLD_EVERY)) == dict(expected)
    assert not [key for key in cut if key.startswith("d:")]


def test_a_delta_of_an_uncounted_document_is_written_again_not_counted_twice() -> None:
    docs = documents(4, seed=9)
    store: dict[str, Any] = {}
    frequencies = DocumentFrequencies(store)
    for number, keys in enumerate(docs[:3]):
        frequencies.count_document(keys, number)
    # A crash after document 3's delta, before the count of documents became 4: it is redelivered.
    DocumentFrequencies(store).count_document(docs[3], 3)
    restarted = DocumentFrequencies(store)
    restarted.count_document(docs[3], 3)
    assert dict(restarted) == dict(Counter(key for keys in docs for key in keys))
