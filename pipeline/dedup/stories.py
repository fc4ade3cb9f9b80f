"""Stories: weighted term counts, stems, background idf from wordfreq, TF-IDF vectors, cosine and centroids."""

from __future__ import annotations

import math
import re
import zlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

from pipeline.dedup.copies import paragraphs
from pipeline.dedup.params import DedupParams
from pipeline.ingest import Article

# Words that carry no event: stop words plus the attribution verbs every news article uses.
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS | {"said", "says", "say", "told", "according", "mr", "mrs", "ms"})
_TOKEN_OR_STOP = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*|[.!?]")


def _is_title_case(tokens: list[str]) -> bool:
    # A Title Case headline capitalises every word, so capitals say nothing about names there.
    long_words = [t for t in tokens if len(t) > 3 and t[0].isalpha()]
    return len(long_words) >= 3 and sum(t[0].isupper() for t in long_words) >= 0.7 * len(long_words)


def term_counts(article: Article, params: DedupParams) -> defaultdict[str, float]:
    """Weighted term counts: stemmed words, `e:` for capitalised names, `n:` for figures."""
    counts: defaultdict[str, float] = defaultdict(float)
    for index, paragraph in enumerate(paragraphs(article)):
        weight = params.headline_weight if index == 0 and article.headline else 1.0
        tokens = _TOKEN_OR_STOP.findall(paragraph)
        # Capitals in a headline are house style (many outlets title-case), not a sign of a name.
        names = index > 0 and not _is_title_case(tokens)
        sentence_start = True
        for token in tokens:
            if token in ".!?":
                sentence_start = True
                continue
            if token[0].isdigit():
                counts["n:" + token.replace(",", "").rstrip(".")] += weight
            else:
                stem = _stem(token, params.stem_chars)
                if stem:
                    counts[stem] += weight
                    # A capital is a name unless it only opens a sentence.
                    if names and not sentence_start and token[0].isupper():
                        counts["e:" + stem] += weight
            sentence_start = False
    return counts


@lru_cache(maxsize=1 << 16)
def _stem(token: str, stem_chars: int) -> str:
    """A word's term: lower case, possessive dropped, truncated; empty for a stop word or a single letter."""
    lower = token.lower().replace("’", "'").removesuffix("'s")
    return lower[:stem_chars] if lower not in STOP_WORDS and len(lower) > 1 else ""


_YEAR = re.compile(r"(?:19|20)\d\d")


@lru_cache(maxsize=4)
def background_frequencies(stem_chars: int) -> dict[str, float]:
    """Frequency in general English of each stem (the summed frequency of the words it stems), from wordfreq."""
    from wordfreq import get_frequency_list

    stems: defaultdict[str, float] = defaultdict(float)
    # Words come in buckets of one centibel: bucket i holds the words of frequency 10^(-i/100).
    for bucket, words in enumerate(get_frequency_list("en")):
        frequency = 10.0 ** (-bucket / 100)
        for word in words:
            stems[word.replace("’", "'").removesuffix("'s")[:stem_chars]] += frequency
    # A stem rarer than this never caps a running idf (1 - ln 1e-4 exceeds ln of any stream's size).
    return {stem: frequency for stem, frequency in stems.items() if frequency >= 1e-7}


@lru_cache(maxsize=4)
def _background_idf(stem_chars: int, scale: float) -> dict[str, float]:
    """The background idf of each stem, 1 - ln(min(1, scale * p)): the most a term's idf may be."""
    return {
        stem: 1.0 - math.log(min(1.0, scale * frequency))
        for stem, frequency in background_frequencies(stem_chars).items()
        if frequency > 0
    }


@lru_cache(maxsize=1 << 16)
def _term_info(
    term: str, stem_chars: int, scale: float, entity_boost: float, figure_boost: float
) -> tuple[str, float, float]:
    """What tfidf needs of a term, whatever the counts: its df key, idf cap (inf: none) and boost."""
    kind = term[:2]
    if kind == "n:":
        digits = term[2:]
        # Years, dates and small counts (2014, 10, 3) are everywhere; a figure like 55000 names an event.
        small = _YEAR.fullmatch(digits) or len(digits.replace(".", "")) < 3
        return df_key(term), math.inf, 1.0 if small else figure_boost
    caps = _background_idf(stem_chars, scale) if scale > 0 else {}
    return df_key(term), caps.get(term[2:] if kind == "e:" else term, math.inf), entity_boost if kind == "e:" else 1.0


@lru_cache(maxsize=1 << 16)
def df_key(term: str) -> str:
    """The document-frequency bucket of a term: 2^20 buckets bound the vocabulary kept."""
    return format(zlib.crc32(term.encode("utf-8")) & 0xFFFFF, "x")


def tfidf(
    counts: Mapping[str, float], frequencies: Mapping[str, int], documents: int, params: DedupParams
) -> dict[str, float]:
    """Unit-length TF-IDF vector of the top `centroid_terms` terms (sublinear tf, smoothed idf capped by the
    background idf, boosts)."""
    weights: dict[str, float] = {}
    log_documents = math.log(1 + documents) + 1.0
    log = math.log
    fixed = (params.stem_chars, params.background_scale, params.entity_boost, params.figure_boost)
    for term, count in counts.items():
        key, cap, boost = _term_info(term, *fixed)
        idf = log_documents - log(1 + frequencies.get(key, 0))
        if cap < idf:
            idf = cap
        weights[term] = (1.0 + log(count)) * idf * boost if count >= 1 else count * idf * boost
    # Stable, so equal weights keep their order (as with key=-weight).
    top = sorted(weights.items(), key=itemgetter(1), reverse=True)[: params.centroid_terms]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {term: w / norm for term, w in top}


def cosine(vector: Mapping[str, float], centroid: Mapping[str, float], centroid_norm: float) -> float:
    """Cosine of a unit vector with a centroid of known norm."""
    if centroid_norm <= 0:
        return 0.0
    return sum(w * centroid[t] for t, w in vector.items() if t in centroid) / centroid_norm


def add_to_centroid(centroid: Mapping[str, float], vector: Mapping[str, float], keep: int) -> dict[str, float]:
    """Sum of a centroid and a vector, cut to its `keep` heaviest terms (sparse top-k)."""
    total = dict(centroid)
    for term, weight in vector.items():
        total[term] = round(total.get(term, 0.0) + weight, 4)
    if len(total) > keep:
        # What heapq.nlargest returns (its documented equivalent), and faster when keep is most of total.
        total = dict(sorted(total.items(), key=itemgetter(1), reverse=True)[:keep])
    return total


def l2_norm(centroid: Mapping[str, float]) -> float:
    """Euclidean length of a centroid."""
    return math.sqrt(sum(w * w for w in centroid.values()))


@dataclass(frozen=True)
class StoryMatch:
    """A story an article is similar to, at its home shard."""

    ref: str
    home: int
    similarity: float
    start: int  # t0 of the story
    line: str  # its storyline id
    # What its articles name most (dedup.context): what a new story of its storyline inherits.
    context: Mapping[str, str] = field(default_factory=dict)

    def rank(self) -> tuple[float, str]:
        return (self.similarity, self.ref)

    def age(self) -> tuple[int, str]:
        return (-self.start, self.ref)  # greater is older
