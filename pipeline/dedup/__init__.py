"""Dedup: near-verbatim copies (shingles, MinHash, containment), stories (TF-IDF centroids), shards."""

from pipeline.dedup.index import (
    Commit,
    Deduplicator,
    DedupParams,
    DedupState,
    Findings,
    Probe,
    Shards,
    Verdict,
    chain,
    render_stories,
    state_bytes,
)

__all__ = [
    "Commit",
    "DedupParams",
    "DedupState",
    "Deduplicator",
    "Findings",
    "Probe",
    "Shards",
    "Verdict",
    "chain",
    "render_stories",
    "state_bytes",
]
