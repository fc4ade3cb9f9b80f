"""Quantiles: of measured values, and from a Prometheus histogram's buckets."""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between order statistics (numpy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def histogram_quantile(buckets: Sequence[tuple[float, float]], q: float) -> float:
    """Prometheus-style quantile (0-1) from cumulative (upper bound, count) buckets, +Inf last."""
    if not buckets or buckets[-1][1] <= 0:
        return math.nan
    rank = q * buckets[-1][1]
    counts = [c for _, c in buckets]
    index = bisect.bisect_left(counts, rank)
    upper, count = buckets[index]
    if math.isinf(upper):
        return buckets[index - 1][0] if index else math.nan
    lower, below = (buckets[index - 1][0], buckets[index - 1][1]) if index else (0.0, 0.0)
    return lower + (upper - lower) * ((rank - below) / (count - below) if count > below else 1.0)
