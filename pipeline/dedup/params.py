"""What the dedup core is tuned by, apart from the deployment settings: `DedupParams`."""

from __future__ import annotations

from dataclasses import dataclass


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
    # A story links to an earlier one of its event (its storyline) at a lower similarity than it joins one: the
    # same event told by other outlets days apart shares fewer words. On wire_dev's dev storylines, stories of one
    # event scored 0.14 to 0.24 where they did not join, stories of different events at most 0.13.
    storyline_threshold: float | None = 0.18  # None: settings.story_threshold
