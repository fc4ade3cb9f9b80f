"""End-to-end benchmark and soak: a realistic stream through the embedded broker and real workers.

The pure parts (corpus variants, percentiles, /proc parsing, verdicts, the table) take values and
return values; the run functions drive a `runner.Session` and return numbers. `wiretally bench e2e`
and `wiretally bench all` print them. One module per concern:

* `targets`: what each measure aims for.
* `variants`: the corpus (seeds, composed gold, restamped) and synthetic wire variants of it.
* `stats`, `process`: quantiles; CPU and memory of a process (and the processes under it) from /proc.
* `report`: table rows, verdicts, the Markdown table.
* `harness`: a session with ready workers, a paced publisher and a figures watcher.
* `e2e`, `soak`, `stages`: the runs, and the stage owners' micro-benchmarks, as rows.
"""

from pipeline.evaluation.bench.e2e import (
    E2EConfig,
    E2EResult,
    LatencyResult,
    ThroughputResult,
    e2e_rows,
    run_e2e,
    throughput_run,
)
from pipeline.evaluation.bench.harness import (
    FigureWatcher,
    Harness,
    PacedPublisher,
    bucket_difference,
    fresh_session,
    start_harness,
    worker_histogram_p99,
    worker_latency_buckets,
)
from pipeline.evaluation.bench.process import (
    cpu_seconds,
    memory_bytes,
    parse_cpu_ticks,
    parse_parent_pid,
    parse_status_bytes,
    process_tree,
    tree_cpu_seconds,
    tree_memory_bytes,
)
from pipeline.evaluation.bench.report import (
    Row,
    format_side_by_side,
    format_table,
    rows_from_json,
    rows_to_json,
    verdict,
)
from pipeline.evaluation.bench.soak import SoakResult, rss_drift, run_soak, soak_rows
from pipeline.evaluation.bench.stages import (
    DEDUP_BENCH_HOOK,
    ExtractionOnly,
    dedup_rows,
    extraction_only,
    extraction_rows,
)
from pipeline.evaluation.bench.stats import histogram_quantile, percentile
from pipeline.evaluation.bench.targets import (
    LATENCY_LOAD,
    SCALING_CORES,
    SOAK_TOLERANCE,
    TARGET_EXTRACT_SPEEDUP,
    TARGET_OF_EXTRACTION,
    TARGET_P99_SECONDS,
    TARGET_RSS_BYTES,
    TARGET_SCALING,
    TARGET_THROUGHPUT,
)
from pipeline.evaluation.bench.variants import (
    SOURCES,
    VARIANT_KINDS,
    VariantKind,
    change_first_figure,
    endless_corpus,
    live_bases,
    load_bases,
    make_corpus,
    make_variant,
    restamp,
)

__all__ = [
    "DEDUP_BENCH_HOOK",
    "E2EConfig",
    "E2EResult",
    "ExtractionOnly",
    "FigureWatcher",
    "LATENCY_LOAD",
    "Harness",
    "LatencyResult",
    "PacedPublisher",
    "Row",
    "SCALING_CORES",
    "SOAK_TOLERANCE",
    "SOURCES",
    "SoakResult",
    "TARGET_EXTRACT_SPEEDUP",
    "TARGET_OF_EXTRACTION",
    "TARGET_P99_SECONDS",
    "TARGET_RSS_BYTES",
    "TARGET_SCALING",
    "TARGET_THROUGHPUT",
    "ThroughputResult",
    "VARIANT_KINDS",
    "VariantKind",
    "change_first_figure",
    "cpu_seconds",
    "bucket_difference",
    "dedup_rows",
    "e2e_rows",
    "endless_corpus",
    "extraction_only",
    "extraction_rows",
    "format_side_by_side",
    "format_table",
    "rows_from_json",
    "rows_to_json",
    "fresh_session",
    "histogram_quantile",
    "live_bases",
    "load_bases",
    "make_corpus",
    "make_variant",
    "memory_bytes",
    "parse_cpu_ticks",
    "parse_parent_pid",
    "parse_status_bytes",
    "percentile",
    "process_tree",
    "restamp",
    "rss_drift",
    "run_e2e",
    "run_soak",
    "soak_rows",
    "start_harness",
    "throughput_run",
    "tree_cpu_seconds",
    "tree_memory_bytes",
    "verdict",
    "worker_histogram_p99",
    "worker_latency_buckets",
]
