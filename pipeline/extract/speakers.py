"""Canonical speakers: one entity for the spelling variants of a name (Zelensky, Zelenskiy, Zelenskyy).

Names are clustered by surname with rapidfuzz similarity and jellyfish's match-rating comparison after a
transliteration-insensitive normalisation (y/i, sh/s, kh/h, doubled letters), plus agreeing first names.
A cluster's display form is its fullest name, ties broken by frequency and then alphabetically, so the
choice is deterministic. No table of known names: it works for names it has never seen.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz

from pipeline.extract.lexicon import _ORG_NOUNS

_TITLES = {
    "president",
    "prime",
    "minister",
    "general",
    "gen",
    "gen.",
    "commander",
    "chief",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "colonel",
    "col.",
    "lt",
    "sir",
    "secretary",
    "chancellor",
    "spokesman",
    "spokeswoman",
    "envoy",
    "special",
    "us",
    "u.s.",
    "ukrainian",
    "russian",
    "foreign",
    "defence",
    "defense",
    "army",
    "the",
    "governor",
    "mayor",
    "king",
    "queen",
    "pope",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "ambassador",
    "deputy",
    "head",
    "leader",
    "former",
    "vice",
    "gov",
    "gov.",
    "sheriff",
    "manager",
    "officer",
    "director",
    "commissioner",
    "superintendent",
    "coroner",
    "captain",
    "district",
    "collector",
    "sergeant",
    "inspector",
    "prosecutor",
    "judge",
    "premier",
    "official",
}


@lru_cache(maxsize=4096)
def body_word(word: str) -> bool:
    """Whether a word after a title names a body, not a person: "Staff" in "the General Staff said"."""
    return re.sub(r"['’]s$", "", word.lower()) in _ORG_NOUNS


def clean_name(name: str) -> str:
    """A person's name without titles and possessive: "President Volodymyr Zelensky's" -> "Volodymyr Zelensky"."""
    name = re.sub(r"['’]s$", "", name.strip())
    words = name.split()
    if len(words) == 2 and body_word(words[1]):
        return name  # "General Staff", "General Assembly": a body, whose first word only looks like a title
    while len(words) > 1 and words[0].lower().strip(",") in _TITLES:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=4096)
def translit_key(word: str) -> str:
    """A spelling-insensitive form of a transliterated name: Zelenskyy, Zelenskiy -> zelenski."""
    word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    word = re.sub(r"[^a-z]", "", word)
    for a, b in (("sh", "s"), ("kh", "h"), ("zh", "z"), ("ch", "c"), ("ts", "c"), ("y", "i"), ("j", "i"), ("w", "v")):
        word = word.replace(a, b)
    word = re.sub(r"(.)\1+", r"\1", word)
    return word


@lru_cache(maxsize=16384)
def same_surname(a: str, b: str) -> bool:
    """True when two surnames are spellings of one name (Syrskii, Syrskyi, Shirsky)."""
    ka, kb = translit_key(a), translit_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if fuzz.ratio(ka, kb) >= 88:
        return True
    return bool(jellyfish.match_rating_comparison(ka, kb)) and jellyfish.jaro_winkler_similarity(ka, kb) >= 0.9


def same_person(a: str, b: str) -> bool:
    """True when two names name one person: surnames match and first names (if both given) agree."""
    wa, wb = clean_name(a).split(), clean_name(b).split()
    if not wa or not wb or not same_surname(wa[-1], wb[-1]):
        return False
    if len(wa) > 1 and len(wb) > 1:
        fa, fb = translit_key(wa[0]), translit_key(wb[0])
        return fa[:1] == fb[:1] and (fuzz.ratio(fa, fb) >= 70 or fa.startswith(fb) or fb.startswith(fa))
    return True


@dataclass
class _Cluster:
    forms: Counter[str] = field(default_factory=Counter)

    def display(self) -> str:
        return min(self.forms, key=lambda f: (-len(f.split()), -self.forms[f], f))


class SpeakerResolver:
    """Clusters speaker names over the resolver's lifetime and maps each to its canonical display form."""

    def __init__(self) -> None:
        self._clusters: list[_Cluster] = []

    def add(self, name: str) -> str:
        """Record a name and return its cluster's canonical form."""
        name = clean_name(name)
        cluster = self._find(name)
        if cluster is None:
            cluster = _Cluster()
            self._clusters.append(cluster)
        cluster.forms[name] += 1
        return cluster.display()

    def canonical(self, name: str) -> str:
        """The canonical form of a name, without recording it."""
        cluster = self._find(clean_name(name))
        return cluster.display() if cluster else clean_name(name)

    def is_person(self, name: str) -> bool:
        """True when the name belongs to a cluster recorded with `add` (a person, not an organisation)."""
        return self._find(clean_name(name)) is not None

    def _find(self, name: str) -> _Cluster | None:
        for cluster in self._clusters:
            if any(same_person(name, form) for form in cluster.forms):
                return cluster
        return None
