"""The stage owners' micro-benchmarks (extraction vs its naive baseline, dedup lookup) as table rows."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluation import corpus
from pipeline.evaluation.bench.report import Row
from pipeline.evaluation.bench.targets import TARGET_EXTRACT_SPEEDUP
from pipeline.ingest import Article
from pipeline.settings import Settings


def extraction_rows(articles_path: Path, gold_path: Path, spacy_model: str, repeat: int = 3) -> list[Row]:
    """The extraction engineer's bench (optimised vs naive on the seeds' gold) as table rows."""
    from pipeline.evaluation.extract import bench, read_jsonl
    from pipeline.extract import Extractor, load_nlp

    articles = list(corpus.articles_from_jsonl(articles_path))
    optimised, naive = bench(Extractor(load_nlp(spacy_model)), articles, read_jsonl(gold_path), repeat=repeat)
    speedup = optimised.articles_per_second / naive.articles_per_second
    f1_note = f"F1 {100 * optimised.f1:.1f} vs {100 * naive.f1:.1f} naive"
    equal = optimised.f1 >= naive.f1 - 0.005
    return [
        Row("extract, optimised", optimised.articles_per_second, "articles/s", note=f"F1 {100 * optimised.f1:.1f}"),
        Row("extract, naive baseline", naive.articles_per_second, "articles/s", note=f"F1 {100 * naive.f1:.1f}"),
        Row(
            "extract speed-up",
            speedup,
            "x",
            TARGET_EXTRACT_SPEEDUP,
            note=f"{f1_note} ({'equal' if equal else 'NOT equal'} F1)",
        ),
        Row(
            "extract F1 optimised - naive",
            100 * (optimised.f1 - naive.f1),
            "%",
            -0.5,
            note="equal F1: within 0.5 point",
        ),
    ]


DEDUP_BENCH_HOOK = "pipeline.evaluation.dedup.bench_rows"


def dedup_rows() -> list[Row]:
    """The dedup engineer's micro-benchmark as rows, through the hook `eval_dedup.bench_rows()` when it exists.

    The hook returns a list of (name, value, unit) or Row; until it exists, one row says so.
    """
    from pipeline.evaluation import dedup as eval_dedup

    hook = getattr(eval_dedup, "bench_rows", None)
    if hook is None:
        return [Row("dedup micro-benchmark", math.nan, "", note=f"no hook yet: {DEDUP_BENCH_HOOK}()")]
    return [r if isinstance(r, Row) else Row(*r) for r in hook()]


class Rates:
    """Articles per wall-clock second and CPU seconds per article, of a run's `articles`, `seconds` (wall clock)
    and `cpu_seconds`."""

    articles: int
    seconds: float
    cpu_seconds: float

    @property
    def articles_per_second(self) -> float:
        """Articles per wall-clock second."""
        return self.articles / self.seconds if self.seconds else math.nan

    @property
    def cpu_seconds_per_article(self) -> float:
        """CPU seconds per article."""
        return self.cpu_seconds / self.articles if self.articles else math.nan


@dataclass(frozen=True)
class ExtractionOnly(Rates):
    """The extractor alone on one core, in the bench's own process, over the end-to-end run's corpus."""

    articles: int
    seconds: float
    cpu_seconds: float


def extraction_only(articles: Sequence[Article], settings: Settings) -> ExtractionOnly:
    """Extract each article in its story's context (as the stream's dedup gives it), timed after one warm-up pass
    over the first few: the limit the extractor sets for one worker core."""
    from pipeline.dedup import story_contexts
    from pipeline.extract import Extractor, load_nlp

    extractor = Extractor(load_nlp(settings.spacy_model))
    stories = story_contexts(articles, settings)
    for article in articles[:5]:
        extractor.extract(article, stories.get(article.id))
    started, cpu_started = time.perf_counter(), time.process_time()
    for article in articles:
        # As a pool process does: the figures as messages, to cross the process boundary.
        [figure.to_message() for figure in extractor.extract(article, stories.get(article.id))]
    return ExtractionOnly(len(articles), time.perf_counter() - started, time.process_time() - cpu_started)
