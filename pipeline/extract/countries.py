"""Countries named by a word: "Ukrainian", "Russia's", "Ukrainians"."""

from __future__ import annotations

import re

from spacy.tokens import Token

from pipeline.extract.lexicon import _COUNTRIES, _DEMONYMS


def tok_is_demonym(tok: Token) -> bool:
    """ "157 Ukrainians": a people named by nationality."""
    return tok.lower_.rstrip("s") in _DEMONYMS


_COUNTRY_WORD = re.compile(
    r"\b("
    + "|".join(sorted((re.escape(c) for c in _COUNTRIES), key=len, reverse=True))
    + "|"
    + "|".join(w.capitalize() for w in _DEMONYMS)
    + r")s?\b"
)


def _country_of_word(word: str) -> str | None:
    word = re.sub(r"['’]s$", "", word)
    if word in _COUNTRIES:
        return word
    low = word.lower()
    if low in _DEMONYMS:
        return _DEMONYMS[low]
    if low.endswith("s") and low[:-1] in _DEMONYMS:
        return _DEMONYMS[low[:-1]]
    return None


def _country(tok: Token) -> str | None:
    """The country a token names ("Ukrainian", "Russia's", "Ukrainians"), unless it is part of a name ("France 2")."""
    if tok.ent_type_ in ("ORG", "WORK_OF_ART", "FAC", "PERSON", "EVENT", "LAW", "PRODUCT"):
        return None
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and (nxt.like_num or (nxt.pos_ == "PROPN" and nxt.ent_type_ == "ORG")):
        return None
    if tok.ent_type_ == "GPE" and tok.text.replace("’s", "").replace("'s", "") not in _COUNTRIES:
        return None
    country = _country_of_word(tok.text)
    before = tok.nbor(-1) if tok.i > 0 else None
    if country is not None and before is not None and f"{before.text} {country}" in _COUNTRIES:
        return f"{before.text} {country}"  # "South Korean authorities": South Korea, not Korea
    return country
