"""Score the dedup core: B-cubed and pairwise P/R/F1 for stories, pairwise for near-verbatim copies.

Used by `wiretally eval dedup` (our test set, tests/gold/dedup/) and `wiretally eval uci` (the UCI
News Aggregator prefix in shared/benchdata, headlines only, scored like its score.py).
"""

from __future__ import annotations

import csv
import gc
import itertools
import json
import time
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.dedup import Deduplicator, DedupParams, Shards, Verdict, state_bytes
from pipeline.ingest import Article
from pipeline.settings import Settings

UCI_CSV = "uci-news-aggregator.prefix.csv"


@dataclass(frozen=True)
class Scores:
    """Precision and recall, and their F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def line(self, name: str) -> str:
        """One printable line."""
        return f"{name:22} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"


@dataclass(frozen=True)
class RunResult:
    """Verdicts of one offline run and how fast it went."""

    verdicts: list[Verdict]
    seconds: float
    state_bytes: dict[str, int]

    @property
    def articles_per_second(self) -> float:
        """Articles observed per CPU second of the core."""
        return len(self.verdicts) / self.seconds if self.seconds > 0 else float("inf")


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def pairwise(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> Scores:
    """Pairwise precision and recall of a clustering (pairs of items put together)."""
    together = sum(_pairs(c) for c in Counter(zip(gold, predicted, strict=True)).values())
    predicted_pairs = sum(_pairs(c) for c in Counter(predicted).values())
    gold_pairs = sum(_pairs(c) for c in Counter(gold).values())
    return Scores(together / predicted_pairs if predicted_pairs else 1.0, together / gold_pairs if gold_pairs else 1.0)


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> Scores:
    """B-cubed precision and recall (Bagga and Baldwin 1998), averaged over items."""
    joint, gold_sizes, predicted_sizes = Counter(zip(gold, predicted, strict=True)), Counter(gold), Counter(predicted)
    n = len(gold) or 1
    precision = sum(c * c / predicted_sizes[p] for (_, p), c in joint.items()) / n
    recall = sum(c * c / gold_sizes[g] for (g, _), c in joint.items()) / n
    return Scores(precision, recall)


def copy_groups(ids: Sequence[str], duplicate_of: Sequence[str | None]) -> list[str]:
    """The near-verbatim group of each article: the root of its duplicate_of chain."""
    parent = {i: d for i, d in zip(ids, duplicate_of, strict=True)}

    def root(item: str) -> str:
        seen = set()
        while parent.get(item) and item not in seen:
            seen.add(item)
            item = parent[item]  # type: ignore[assignment]
        return item

    return [root(i) for i in ids]


def flag_scores(gold: Sequence[bool], predicted: Sequence[bool]) -> Scores:
    """Precision and recall of a yes/no flag."""
    hits = sum(g and p for g, p in zip(gold, predicted, strict=True))
    said, truth = sum(predicted), sum(gold)
    return Scores(hits / said if said else 1.0, hits / truth if truth else 1.0)


def run(
    articles: Iterable[Article], settings: Settings, params: DedupParams | None = None, shards: int = 1
) -> RunResult:
    """Observe every article in order with a fresh dict-backed state, timing only the core (CPU time).

    With shards > 1 the articles go through that many shards as the stream's partitions do,
    each message in its JSON form (see dedup.Shards): slower, and the same decisions as one shard
    would make except where a shard's own document frequencies change a story score.
    """
    engine: Deduplicator | Shards = (
        Deduplicator(settings, params=params) if shards == 1 else Shards(settings, shards, params)
    )
    batch = list(articles)
    # CPU time of this process: other work on a shared machine does not change the figure.
    start = time.process_time()
    verdicts = [engine.observe(article) for article in batch]
    seconds = time.process_time() - start
    states = [engine.state] if isinstance(engine, Deduplicator) else [shard.state for shard in engine.shards]
    sizes: dict[str, int] = {}
    for state in states:
        for name, size in state_bytes(state).items():
            sizes[name] = sizes.get(name, 0) + size
    return RunResult(verdicts, seconds, sizes)


def read_articles(path: Path) -> list[Article]:
    """Articles from a JSONL file of `articles` messages."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Article.from_message(json.loads(line)) for line in lines if line.strip()]


def read_clusters(path: Path) -> dict[str, dict[str, Any]]:
    """Gold labels by article id from a clusters.jsonl file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["article_id"]: row for row in rows}


@dataclass(frozen=True)
class GoldReport:
    """Scores of one run against our gold clusters."""

    articles: int
    stories_bcubed: Scores
    stories_pairwise: Scores
    copies_pairwise: Scores
    new_versions: Scores
    articles_per_second: float
    near_dup_bytes_per_article: float

    def lines(self) -> list[str]:
        """Printable report."""
        return [
            f"{self.articles} articles, {self.articles_per_second:,.0f} articles/s, "
            f"near-dup state {self.near_dup_bytes_per_article:,.0f} bytes/article",
            self.stories_bcubed.line("stories B-cubed"),
            self.stories_pairwise.line("stories pairwise"),
            self.copies_pairwise.line("near-verbatim pairwise"),
            self.new_versions.line("new versions"),
        ]


def near_dup_bytes(sizes: dict[str, int], articles: int) -> float:
    """Per-article state (signatures, band index, expiry timeline, applied-commit notes) per article."""
    return (sizes["signatures"] + sizes["bands"] + sizes["timeline"] + sizes["members"]) / max(1, articles)


def evaluate_gold(
    articles: Sequence[Article],
    gold: dict[str, dict[str, Any]],
    settings: Settings,
    params: DedupParams | None = None,
    shards: int = 1,
) -> GoldReport:
    """Run the core over articles and score it against gold clusters."""
    missing = [a.id for a in articles if a.id not in gold]
    if missing:
        raise ValueError(f"{len(missing)} articles have no gold label, first {missing[0]}")
    result = run(articles, settings, params, shards)
    ids = [a.id for a in articles]
    gold_story = [gold[i]["story_id"] for i in ids]
    predicted_story = [v.story_id for v in result.verdicts]
    gold_copies = copy_groups(ids, [gold[i]["duplicate_of"] for i in ids])
    predicted_copies = copy_groups(ids, [v.duplicate_of for v in result.verdicts])
    return GoldReport(
        articles=len(ids),
        stories_bcubed=bcubed(gold_story, predicted_story),
        stories_pairwise=pairwise(gold_story, predicted_story),
        copies_pairwise=pairwise(gold_copies, predicted_copies),
        new_versions=flag_scores(
            [bool(gold[i]["is_new_version"]) for i in ids], [v.is_new_version for v in result.verdicts]
        ),
        articles_per_second=result.articles_per_second,
        near_dup_bytes_per_article=near_dup_bytes(result.state_bytes, len(ids)),
    )


def uci_rows(data_dir: Path) -> list[dict[str, str]]:
    """UCI prefix rows in stream order, the cut-off last row dropped (as score.py does)."""
    path = data_dir / UCI_CSV
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found; pass the directory holding {UCI_CSV}")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if (r.get("TIMESTAMP") or "").isdigit() and r.get("STORY")]
    rows.sort(key=lambda r: (int(r["TIMESTAMP"]), int(r["ID"])))
    return rows


def uci_article(row: dict[str, str]) -> Article:
    """A UCI row as score.py's `articles` line: the headline is also the body."""
    published = datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=UTC)
    return Article(f"uci-{row['ID']}", row["HOSTNAME"] or row["PUBLISHER"], published, row["TITLE"], row["TITLE"])


@dataclass(frozen=True)
class UciReport:
    """Story scores on the UCI prefix."""

    headlines: int
    gold_stories: int
    predicted_stories: int
    pairwise: Scores
    bcubed: Scores
    storyline_bcubed: Scores
    headlines_per_second: float
    threshold: float
    gold_runs: int  # maximal runs of consecutive headlines with one gold story
    timing_bcubed: Scores  # a rule that reads no text: a new story after every gap over TIMING_GAP_MS

    def lines(self) -> list[str]:
        """Printable report, in score.py's terms."""
        return [
            f"UCI prefix: {self.headlines} headlines, {self.gold_stories} gold stories, "
            f"{self.predicted_stories} predicted (story_threshold {self.threshold})",
            self.pairwise.line("pairwise") + "   (TF-IDF baseline 0.735)",
            self.bcubed.line("B-cubed") + "   (TF-IDF baseline 0.727)",
            self.storyline_bcubed.line("storylines B-cubed"),
            f"{self.headlines_per_second:,.0f} headlines/s (core only, one process)",
            f"caveat: the {self.gold_stories} gold stories are {self.gold_runs} runs of consecutive headlines; a rule "
            f"that reads no text (new story after any gap over {TIMING_GAP_MS // 1000} s) scores "
            f"B-cubed F1 {self.timing_bcubed.f1:.3f}: timing here gives the labels away, so wiretally uses none",
        ]


# The prefix was crawled story by story: within a story headlines are seconds apart, between stories minutes.
TIMING_GAP_MS = 5_000


def timing_only(timestamps: Sequence[int], gap_ms: int = TIMING_GAP_MS) -> list[int]:
    """Story labels from timestamps alone: a new story after every gap longer than gap_ms."""
    labels, story = [], 0
    for i, stamp in enumerate(timestamps):
        if i and stamp - timestamps[i - 1] > gap_ms:
            story += 1
        labels.append(story)
    return labels


def evaluate_uci(data_dir: Path, settings: Settings, params: DedupParams | None = None, shards: int = 1) -> UciReport:
    """Run the core over the UCI prefix headlines and score story ids against the aggregator's."""
    rows = uci_rows(data_dir)
    result = run((uci_article(r) for r in rows), settings, params, shards)
    gold = [r["STORY"] for r in rows]
    predicted = [v.story_id for v in result.verdicts]
    return UciReport(
        headlines=len(rows),
        gold_stories=len(set(gold)),
        predicted_stories=len(set(predicted)),
        pairwise=pairwise(gold, predicted),
        bcubed=bcubed(gold, predicted),
        storyline_bcubed=bcubed(gold, [v.storyline_id for v in result.verdicts]),
        headlines_per_second=result.articles_per_second,
        threshold=settings.story_threshold,
        gold_runs=1 + sum(1 for a, b in itertools.pairwise(gold) if a != b),
        timing_bcubed=bcubed(gold, timing_only([int(r["TIMESTAMP"]) for r in rows])),
    )


# ---------------------------------------------------------------- micro-benchmark


@dataclass(frozen=True)
class LookupBench:
    """Near-duplicate lookup cost with `indexed` articles already in the state."""

    indexed: int
    microseconds_per_lookup: float
    fill_seconds: float
    near_dup_bytes_per_article: float
    copies_found: int

    def line(self) -> str:
        """One printable line."""
        return (
            f"{self.indexed:>9,} indexed: {self.microseconds_per_lookup:8.1f} us/lookup, "
            f"near-dup state {self.near_dup_bytes_per_article:,.0f} bytes/article "
            f"(filled in {self.fill_seconds:.1f} s; {self.copies_found} copies found)"
        )


def fill_synthetic(deduplicator: Deduplicator, count: int, published: int, seed: int = 7, chunk: int = 10_000) -> None:
    """Index `count` random signatures (one day of timestamps before `published`), as big as real ones."""
    import numpy as np

    rng = np.random.default_rng(seed)
    # Millions of small lists and dicts: the cyclic GC would rescan them all, again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        _fill(deduplicator, count, published, rng, chunk)
    finally:
        if enabled:
            gc.enable()


def _fill(deduplicator: Deduplicator, count: int, published: int, rng: Any, chunk: int) -> None:
    import numpy as np

    from pipeline.dedup.copies import band_keys, signature_record

    params = deduplicator.params
    num_perm = params.bands * params.rows_per_band
    for start in range(0, count, chunk):
        rows = min(chunk, count - start)
        sketches = np.sort(rng.integers(0, 2**32, (rows, params.sketch_size), dtype=np.uint64), axis=1)
        minhashes = rng.integers(0, 2**32, (rows, num_perm), dtype=np.uint64)
        numbers = rng.integers(0, 2**16, (rows, 12), dtype=np.uint64)
        sizes = rng.integers(200, 800, rows)
        times = published - rng.integers(0, 86_400, rows)
        for i in range(rows):
            article_id = f"synthetic-{start + i:09d}"
            minhash = minhashes[i].tolist()
            record = signature_record(
                article_id, int(times[i]), int(sizes[i]), sketches[i].tolist(), minhash, numbers[i].tolist(), None
            )
            deduplicator.index_record(f"~{start + i:x}", record, band_keys(tuple(minhash), params.rows_per_band))


def bench_lookup(
    sizes: Sequence[int], queries: Sequence[Article], settings: Settings, params: DedupParams | None = None
) -> list[LookupBench]:
    """Lookup cost per article at each index size: synthetic signatures, then real articles looked up and indexed."""
    from pipeline.dedup.state import epoch

    results = []
    newest = max(epoch(a.published_at) for a in queries)
    for size in sizes:
        deduplicator = Deduplicator(settings, params=params)
        start = time.perf_counter()
        fill_synthetic(deduplicator, size, newest)
        fill_seconds = time.perf_counter() - start
        per_article = near_dup_bytes(state_bytes(deduplicator.state), size)
        deduplicator.lookup(queries[0])  # warm-up: first calls fill caches (permutations, regexes)
        gc.freeze()  # a full collection over the filled state would land in some lookup's time
        spent, found = 0.0, 0
        for article in queries:
            # Shingling is per article whatever the index size; the probe and verification are timed.
            probe = deduplicator.probe(article)
            begin = time.perf_counter()
            match = deduplicator.find_copy(probe, probe.published)
            spent += time.perf_counter() - begin
            found += match is not None
            deduplicator.observe(article)
        gc.unfreeze()
        results.append(LookupBench(size, spent / len(queries) * 1e6, fill_seconds, per_article, found))
    return results


def bench_rows(sizes: Sequence[int] = (10_000, 100_000)) -> list[tuple[str, float, str, float | None, bool, str]]:
    """Rows for `wiretally bench all`: lookup microseconds at each size and near-dup bytes per article."""
    root = Path(__file__).resolve().parents[2]  # the repository
    queries = read_articles(root / "tests" / "gold" / "dedup" / "articles.jsonl")
    results = bench_lookup(sizes, queries, Settings())
    rows: list[tuple[str, float, str, float | None, bool, str]] = [
        (
            f"dedup lookup at {r.indexed:,} indexed",
            r.microseconds_per_lookup,
            "us/article",
            None,
            False,
            f"{r.copies_found} copies found",
        )
        for r in results
    ]
    rows.append(
        (
            "dedup near-dup state",
            results[-1].near_dup_bytes_per_article,
            "bytes/article",
            1024.0,
            False,
            "signatures + band index + expiry timeline, JSON",
        )
    )
    return rows
