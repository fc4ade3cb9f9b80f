"""The stage owners' micro-benchmarks (extraction vs its naive baseline, dedup lookup) as table rows."""

from __future__ import annotations

import math
from pathlib import Path

from pipeline.evaluation import corpus
from pipeline.evaluation.bench.report import Row
from pipeline.evaluation.bench.targets import TARGET_EXTRACT_SPEEDUP


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
