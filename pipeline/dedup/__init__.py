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

Modules, each deciding one thing:

* `params`: DedupParams, the tuning that is not a deployment setting.
* `state`: DedupState, article refs, times and the state's size in bytes.
* `verdict`: Verdict, what is decided about an article, and render_stories.
* `copies`: near-verbatim copies (shingles, MinHash band keys, containment, signature records).
* `stories`: stories (term counts, background idf, TF-IDF vectors, centroids).
* `messages`: Probe, Findings and Commit, what shards send each other about one article.
* `deduplicator`: Deduplicator, one shard of the index.
* `shards`: home shards, the search ring, and Shards, several shards in one process.
"""

from pipeline.dedup.deduplicator import Deduplicator, story_contexts
from pipeline.dedup.messages import Commit, Findings, Probe
from pipeline.dedup.params import DedupParams
from pipeline.dedup.shards import Shards, chain
from pipeline.dedup.state import DedupState, state_bytes
from pipeline.dedup.verdict import Verdict, render_stories, story_context

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
    "story_context",
    "story_contexts",
]
