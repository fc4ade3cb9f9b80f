"""Who a claim is attributed to: speech verbs and their subjects, "according to", acronyms, carried sources."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from pipeline.extract.draft import _Draft, _Segment
from pipeline.extract.events import event_counts
from pipeline.extract.lexicon import (
    _DEMONYMS,
    _EXPECTATION_VERBS,
    _ORG_ANAPHORS,
    _ORG_NOUNS,
    _PHYSICAL,
    _PRONOUN_REFS,
    _ROLE_NOUNS,
    _SPEECH,
    _SPEECH_NOUNS,
)
from pipeline.extract.places import city_countries, find_places
from pipeline.extract.speakers import _TITLES, SpeakerResolver, clean_name
from pipeline.extract.syntax import _chunk_text, _core_tokens, _dateline_end, _ent_of, _ent_text, _lemma, _verb_above
from pipeline.extract.timex import MONTHS, WEEKDAYS

# Placeholders for a source named by what it is, resolved per article in `_resolve_article`: every one starts
# with NUL, which no name does (`_placeholder`).
_MAIN_ORG = "\x00main-org:"  # "the company": the organisation the story is about (the noun follows)
BODY_ANAPHOR = "\x00body:"  # "the agency", "the ministry" (the noun follows): the body named last before
# Public bodies a story names in full once and then by what they are.
_BODY_ANAPHORS = {
    "agency",
    "ministry",
    "department",
    "authority",
    "commission",
    "institute",
    "organization",
    "organisation",
    "office",
    "service",
    "board",
    "council",
}


def _placeholder(name: str) -> bool:
    """Whether a speaker is a placeholder for a body named by what it is, not yet resolved to a name."""
    return name.startswith("\x00")


_CARRY_SENTENCES = 3

# Bodies a country has one of: "the army said", "the coastguard said" name it, where "the agency said" points back.
_ONE_OF_A_KIND = {"army", "navy", "military", "police", "coastguard", "government", "cabinet", "parliament"}
# Sources named by what they are, alone: "police said", "officials said".
_BARE_SOURCES = {
    "police", "official", "authority", "rescuer", "firefighter", "medic", "paramedic", "doctor", "witness", "resident",
    "diplomat", "survivor", "investigator", "activist",
}  # fmt: skip
# "officials said", "local media reported", "state health officials": no one named.
_VAGUE_SOURCE = re.compile(
    r"(?i)(?:(?:local|state|health|government|federal|regional|city|public|security|rescue|military|"
    r"hospital|emergency|provincial|senior|top|some)\s+)*(?:officials?|authorities|sources)|local\s+media"
)


def names_nobody(speaker: str) -> bool:
    """Whether a source names no one ("officials", "local authorities", "local media"): a figure so attributed says
    nobody. A draft keeps such a speaker all the same, so that a named source before it is not carried past it."""
    return _VAGUE_SOURCE.fullmatch(speaker) is not None


# What a source publishes, not the source: "according to figures released by the ministry".
_RECORD_NOUNS = {
    "figure", "data", "datum", "tally", "count", "statistic", "report", "estimate", "number", "record",
    "statement", "release", "bulletin", "update", "survey",
}  # fmt: skip


_LEAD_SOURCE = re.compile(
    r"(?:according to|,)\s+((?:the\s+)?[A-Z][\w.'’&-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w.'’&-]*){0,6})"
    r",?\s+(?:said|says|reported|reports|told|announced|confirmed|stated)\b"  # ", Hari Prasad Panta, said"
)


def lead_source(body: str) -> str | None:
    """The source the story's lead cites ("..., the New York Times reports."), for figures that name none."""
    lead = body[:600]
    m = _LEAD_SOURCE.search(lead)
    if m is None:
        return None
    name = re.sub(r"^the\s+", "", m.group(1))
    return name if _can_speak(name) and len(name) > 2 else None


# A title as a newsroom abbreviates it before a name ("Gov. Roy Cooper"), as "the governor" refers to it.
_TITLE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general"}
_TITLE_WORD = re.compile(r"([A-Z][a-z]+)\.?\s*$")


def titled_persons(segments: list[_Segment]) -> dict[str, str]:
    """Who "the sheriff" is: the person the article names with that title ("Sheriff Quentin Miller").

    The article's own mentions decide, before or after "the sheriff said"; a title two people share
    ("President" for two presidents) names nobody.
    """
    titles: dict[str, set[str]] = {}
    for seg in segments:
        for offset, name in seg.persons:
            words = name.split()
            lead = 0
            while lead < len(words) - 1 and _title(words[lead]) in _TITLES:
                lead += 1  # the name as tagged may carry its title: "Sheriff Quentin Miller"
            if lead:
                titles.setdefault(_title(words[lead - 1]), set()).add(clean_name(name))
                continue
            m = _TITLE_WORD.search(seg.text[max(0, offset - 20) : offset])
            if m is not None and _title(m.group(1)) in _TITLES:
                titles.setdefault(_title(m.group(1)), set()).add(clean_name(name))
    return {title: next(iter(names)) for title, names in titles.items() if len(names) == 1}


def _title(word: str) -> str:
    word = word.lower().rstrip(".")
    return _TITLE_ABBREVIATIONS.get(word, word)


def _carry_speakers(drafts: list[_Draft], lead: str | None = None, body: str = "") -> None:
    """A source goes on speaking: "the ministry said 157 died ... 256 were injured" (the next sentences).

    An unattributed figure takes the source of the attributed figure before it, a few sentences back at most
    (within its paragraph when the source was only tagged on after that figure), else the source the article
    cites for most of its figures, else the one its lead cites.
    """
    counts: dict[str, int] = {}
    for d in drafts:
        if d.speaker and not _placeholder(d.speaker) and not _tagged_on(d):
            counts[d.speaker] = counts.get(d.speaker, 0) + 1
    attributed = sum(counts.values())
    main = max(counts, key=lambda s: (counts[s], s)) if counts else None
    if main is not None and counts[main] * 2 <= attributed:
        main = None  # no source gives most of the article's figures: a tie names nobody
    main = main or lead
    last: _Draft | None = None
    by_place: dict[str, str] = {}
    for d in drafts:
        physical = d.q.unit not in ("currency", "percent", "count") or d.measure in _PHYSICAL
        if d.seg.in_headline or (d.subject is None and physical):
            continue  # a physical reading (a temperature, a depth) has no source to carry; an amount may have one
        if d.speaker is None and _acts_for_itself(d):
            d.speaker = d.subject  # "The Federal Reserve raised its key rate to 5.25%": its own figure
        if d.speaker:
            last = d
            if d.place and ", " in d.place and not _placeholder(d.speaker):
                by_place[d.place] = d.speaker
        elif d.place in by_place:
            # "In Texas, 29 patients have been hospitalized" paragraphs after the state's health department gave
            # Texas's cases: the source that counts that place goes on counting it.
            d.speaker = by_place[d.place]
        elif (
            last is not None
            and d.index - last.index <= _CARRY_SENTENCES
            and not (_tagged_on(last) and "\n" in body[last.seg.offset : d.seg.offset])
        ):
            d.speaker = last.speaker
        elif main is not None:
            d.speaker = main


_TRAILING_SOURCE = re.compile(r"(?i),\s+(?:according to|as per)\s+[^,]+[.!?\"'”]*\s*$")


def _tagged_on(d: _Draft) -> bool:
    """The source is a tag after the figure that closes its sentence ("2,400 households face outages, according to
    the utility."): it vouches for that sentence, and the next sentence's figures are the writer's again."""
    m = _TRAILING_SOURCE.search(d.seg.text)
    return m is not None and m.start() >= d.q.end


def _acts_for_itself(d: _Draft) -> bool:
    """The figure's subject is an organisation that is also its clause's subject: it gives its own figure."""
    subject = d.subject or ""
    if "/" in subject or "," in subject or d.seg.doc is None:
        return False
    return any(
        t.dep_ in ("nsubj", "nsubjpass") and subject.endswith(t.text) and t.ent_type_ == "ORG" for t in d.seg.doc
    )


# A name runs within one line: a headline above it is not part of it ("Quake\nThe Office for ...").
_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w'’-]+[^\S\n]+(?:(?:of|for|and|the|de)[^\S\n]+)?){1,6}[A-Z][\w'’-]+)[^\S\n]+\(([A-Z][A-Za-z]{1,7})\)"
)


_NAME_RUN = re.compile(r"(?:[A-Z][\w'’-]+\s+(?:(?:of|for|and|the|de)\s+)?){1,6}[A-Z][\w'’-]+")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def _acronyms(text: str) -> dict[str, str]:
    """Each acronym the article uses, to the full name it gives: "the National Disaster Management Authority
    (NDMA)", or a name whose initials it is ("the World Health Organization said ... WHO figures")."""
    out: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        words, acronym = m.group(1).split(), m.group(2)
        # The name starts where a word starts as the acronym does ("... in Geneva by the World Health Organization
        # (WHO)"); a dateline in capitals, "NEW ORLEANS (AP) —", is where the story was filed, not a name.
        start = next((i for i, w in enumerate(words) if w[0].upper() == acronym[0] and w != "The"), None)
        if start is None or m.group(1).isupper():
            continue
        out.setdefault(acronym, " ".join(words[start:]))
    used = set(_ACRONYM.findall(text)) - set(out)
    if used:
        for m in _NAME_RUN.finditer(text):
            words = m.group().split()
            # Any run of its words: "Quake The United Auto Workers" (a headline before it), "GM and General Motors".
            spans = [(start, end) for start in range(len(words)) for end in range(start + 2, len(words) + 1)]
            for start, end in spans:
                name = words[start:end]
                if not name[0][0].isupper() or name[0].lower() in STOP_WORDS or not name[-1][0].isupper():
                    continue
                initials = "".join(w[0] for w in name if w[0].isupper())
                if initials in used:
                    out.setdefault(initials, " ".join(name))
    return out


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
        if v.dep_ == "relcl" and any(c.lower_ in ("who", "which", "that") for c in subj):
            subj = [v.head]  # "Buncombe County officials, who previously reported 72 deaths": the officials
        agent = [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subj or agent:
            return agent + subj if any(_lemma(s) in _SPEECH_NOUNS for s in subj) else subj + agent
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            # "British defence intelligence estimated in October that ...", parsed as a reduced relative.
            return [v.head]
        if v is verb and (trailing := _subject_set_off_before(verb)) is not None:
            return [trailing]
        if v.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep") and v.head != v:
            v = v.head
            continue
        break
    return []


def _subject_set_off_before(verb: Token) -> Token | None:
    """ "54 people died in Uttar Pradesh, the state's health department said": a trailing speech verb's subject
    that the parser hung on the noun before the comma (as an apposition), leaving the verb without one."""
    if verb.i == 0:
        return None
    noun = verb.doc[verb.i - 1]
    start = noun.left_edge.i
    if (
        noun.pos_ in ("NOUN", "PROPN")
        and noun.dep_ in ("appos", "conj", "npadvmod")
        and noun.head.i < start  # (so start > 0)
        and verb.doc[start - 1].text == ","
    ):
        return noun
    return None


def _part_between(number: Token, later: Token) -> bool:
    """Whether a part of the figure is given between it and a later word ("seven, including four in ...")."""
    between = number.doc[number.i + 1 : later.i]
    including = next((t.i for t in between if t.lower_ == "including"), None)
    return including is not None and any(t.like_num for t in number.doc[including + 1 : later.i])


def _according_to(tok: Token, number: Token | None = None) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if number is not None and number.i < c.i and _part_between(number, c):
            continue  # "risen to seven, including four in Bellwood County, according to the sheriff": the four's
        if c.lower_ == "according":
            out.extend(_publisher(g) for t in c.children if t.lower_ == "to" for g in t.children if g.dep_ == "pobj")
        elif c.lower_ == "as" and c.dep_ == "prep":
            # "As per the latest figures released by the Kerala government" (Indian English for "according to")
            out.extend(_publisher(g) for t in c.children if t.lower_ == "per" for g in t.children if g.dep_ == "pobj")
    return out


def _publisher(source: Token) -> Token:
    """Whose figures they are: "according to figures released by the health ministry" is the ministry."""
    if _lemma(source) not in _RECORD_NOUNS and source.lower_ not in _RECORD_NOUNS:
        return source
    named = [
        c
        for c in source.children
        if c.dep_ == "compound"
        and (c.pos_ == "PROPN" or _lemma(c) in _ORG_NOUNS or c.lower_ in _ORG_NOUNS)
        and not (c.ent_type_ == "DATE" or _NOT_A_SOURCE.search(c.text))  # "a Tuesday update from the ministry"
    ]
    if named:
        return named[-1]  # "Peru's health ministry figures showed", "UNHCR data showed"
    owner = [c for c in source.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
    if owner:
        return owner[0]  # "according to the health ministry's latest figures"
    for tok in source.subtree:
        if tok.dep_ in ("agent", "prep") and tok.lower_ in ("by", "from") and tok.head.i >= source.i:
            named = [g for g in tok.children if g.dep_ == "pobj"]
            if named:
                return named[0]
    return source


# Verbs of expectation: "He said the bank expected inflation to average 2.7%" is his statement (of the
# bank's forecast), so a reporting verb above one names the source first.
_EXPECTATION = _EXPECTATION_VERBS | {"propose"}


def _speech_sources(number: Token) -> Iterator[Token]:
    """Candidate sources from the number up its chain of heads: the nearest speech verb or "according to"
    ("data from the disaster centre showed 49 deaths" is the centre's)."""
    for anc in (number, *number.ancestors):
        if _is_speech_verb(anc):
            if _lemma(anc) in _EXPECTATION:
                outer = next((a for a in anc.ancestors if _is_speech_verb(a) and _lemma(a) not in _EXPECTATION), None)
                if outer is not None:
                    yield from (_publisher(source) for source in _sources_of(outer))
            # "X said citing preliminary data, according to The Kathmandu Post report": the one who said it,
            # before the outlet that reports the saying.
            yield from (_publisher(source) for source in _sources_of(anc))
            yield from _according_to(anc, number)
            return
        yield from _according_to(anc, number)


def _org_name(doc: Doc, tok: Token) -> str:
    return _chunk_text(tok)


def _speaks_of_another(verb: Token, number: Token) -> bool:
    """Whether a speech verb's clause, which the number is not in, gives a number of its own."""
    if verb in number.ancestors or verb.dep_ not in ("advcl", "conj"):
        return False
    return any(t.like_num and t.i != number.i and t.ent_type_ not in ("DATE", "TIME") for t in verb.subtree)


def _speaker(
    speakers: SpeakerResolver,
    doc: Doc,
    number: Token,
    seg: _Segment,
    last_person: str | None,
    titles: dict[str, str] | None = None,
) -> str | None:
    """Who the claim is attributed to: the speech verb governing the number, "according to X", else any."""
    # Any speech verb of the sentence, but not one that gives a figure of its own in a clause the number is not
    # in ("rose to 16, as the health department confirmed 11 deaths"): that source speaks of its figure.
    anywhere = (
        source
        for tok in doc
        if _is_speech_verb(tok) and not _speaks_of_another(tok, number)
        for source in _sources_of(tok)
    )
    tally = _level_record(number)
    if tally is not None:
        return tally
    opening = _dateline_end(doc)
    # Who says it, else whose record it is ("the government's official toll was 138"), else who speaks anywhere
    # in the sentence.
    keeper = _record_keeper(number)
    for source in itertools.chain(_speech_sources(number), [keeper] if keeper is not None else [], anywhere):
        if source.i < opening:
            continue  # "NAIROBI, June 12 (Reuters) -": where the story was filed, not who speaks
        name = _titled(source, titles) or _name_of(speakers, doc, source, seg, last_person)
        if name and _can_speak(name):
            return name
    for host in _hosts(number):
        name = _name_of(speakers, doc, host, seg, last_person)
        if name and _can_speak(name):
            return name
    return None


_GATHERINGS = {"meeting", "conference", "briefing", "session", "hearing"}
_LEVELS = {"state", "federal", "national", "provincial", "county", "government"}


def _level_record(number: Token) -> str | None:
    """ "officials ... are now deferring to a state tally of 42 deaths": the figure is the tally's, a record a
    level of government keeps, whoever cites it."""
    noun = number.head if number.dep_ == "nummod" else number
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or _lemma(prep.head) not in _RECORD_NOUNS:
        return None
    record = prep.head
    level = [c for c in record.children if c.dep_ in ("amod", "compound") and c.lower_ in _LEVELS]
    return f"{level[0].lower_} {record.lower_}" if level else None


_TALLIES = _RECORD_NOUNS | {"toll"}


def _record_keeper(number: Token) -> Token | None:
    """ "The government's official toll was 138", "the agency's count rose to 151": whose record the figure is,
    named as its owner (a person or a body, not "the storm's toll")."""
    verb = _verb_above(number)
    holders = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb is not None else []
    if number.dep_ == "pobj" and number.head.lower_ == "of":
        holders.append(number.head.head)  # "the ministry's count of 151"
    said = next((a for a in number.ancestors if a.dep_ == "ccomp"), None)
    if said is not None:
        # "An AFP count indicates that there have been 645 confirmed deaths": the record that says so
        holders += [c for c in said.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for record in holders:
        if _lemma(record) not in _TALLIES:
            continue
        owner = next((c for c in record.children if c.dep_ == "poss"), None) or next(
            (c for c in record.children if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON")), None
        )  # "an AFP tally", "a Reuters count"
        if owner is None or event_counts(" ".join(t.text for t in owner.subtree)):
            continue  # "Hurricane Helene's official death toll": the event's, not a source's
        if owner.ent_type_ in ("ORG", "PERSON") or _lemma(owner) in _ORG_NOUNS or owner.lower_ in _BODY_ANAPHORS:
            return owner
    return None


def _hosts(number: Token) -> Iterator[Token]:
    """ "At a joint meeting of the Ishikawa government ..., the recognition of 22 deaths was proposed": with no
    speaker, those whose meeting (news conference, briefing) the clause reports."""
    clause = _verb_above(number)
    if clause is None:
        return
    for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ in ("at", "during")):
        for gathering in (g for g in prep.children if g.dep_ == "pobj" and _lemma(g) in _GATHERINGS):
            for of in (c for c in gathering.children if c.dep_ == "prep" and c.lower_ in ("of", "by")):
                yield from (g for g in of.children if g.dep_ == "pobj")


_NOT_A_SOURCE = re.compile(
    r"(?i)^(the\s+)?(new year|christmas|easter|ramadan|diwali|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?|(mon|tues|wednes|thurs|fri|satur|sun)day)$|\b(County|Province|Prefecture|District|Municipality)$"
)


_METONYM_CITY = 1_000_000  # people in a city that copy lets speak for a government ("Moscow", "Kyiv")


def _can_speak(name: str) -> bool:
    """A source is a person or a body: not a place ("New Mexico", "Buncombe County") nor a day ("New Year")."""
    if _placeholder(name):
        return True
    if _NOT_A_SOURCE.search(name.strip()):
        return False
    last = name.split()[-1] if name.split() else ""
    if name.islower() and (last in _RECORD_NOUNS or last.removesuffix("s") in _RECORD_NOUNS):
        return False  # "initial data showed", "official figures show": a record with no one named as its keeper
    if name.endswith("s") and name.lower().rstrip("s") in _DEMONYMS:
        return False  # "68 Indians among 600 dead, confirms Saudi diplomat": a people counted, not who speaks
    for spelling in {name, name.title()}:  # a dateline's "NAIROBI" is Nairobi
        places = find_places(spelling)
        if len(places) == 1 and places[0].start == 0 and places[0].end >= len(spelling.rstrip(".")):
            return False
    if name.isupper() and len(name) > 3 and city_countries(name.title()):
        return False  # "SEOUL - South Korea's police chief said": a dateline's city, however large
    if 0 < max(city_countries(name).values(), default=0) < _METONYM_CITY:
        # a town ("Virac", "Larkana") is where it happened, not who said so; a capital may speak for its
        # government ("Moscow claims", "Kyiv says")
        return False
    return not (name.islower() and event_counts(name))  # "train accident" is what happened (not "Fire Service")


def _titled(tok: Token, titles: dict[str, str] | None) -> str | None:
    """ "the sheriff said": the person the article names with that title, if it names one."""
    if not titles or tok.pos_ != "NOUN" or not any(c.lower_ == "the" for c in tok.children):
        return None
    return titles.get(tok.lower_)


# What of a body speaks for it: "the local branch of the union", "leaders of the machinists' district".
_PARTS_OF_A_BODY = {"branch", "chapter", "leader", "leadership", "office", "arm", "wing", "local", "headquarters"}
# Roles whose office speaks for them ("the Chief Minister's Office", "the President's office").
_TITLE_WORDS = {"minister", "president", "governor", "mayor", "secretary", "commissioner", "chancellor", "premier"}


def _name_of(speakers: SpeakerResolver, doc: Doc, tok: Token, seg: _Segment, last_person: str | None) -> str | None:
    """The entity a subject token names: a PERSON, an organisation's name, or a pronoun's antecedent."""
    ent = _ent_of(tok)
    if ent is not None and ent.label_ == "PERSON":
        return speakers.add(ent.text)
    named = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"] if tok.pos_ == "NOUN" else []
    if named:
        # "Google's parent company Alphabet announced", "the regional governor, Ahmed Karimi, said": the name.
        return _name_of(speakers, doc, named[0], seg, last_person)
    bare = _bare_source(tok)
    if bare:
        return bare
    if tok.pos_ == "NOUN" and _lemma(tok) in _PARTS_OF_A_BODY:
        # "the local branch of the International Association of Machinists announced", "leaders of the union's
        # district said": the body they speak for.
        for of in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            body = next((g for g in of.children if g.dep_ == "pobj"), None)
            if body is not None and (body.ent_type_ == "ORG" or body.pos_ == "PROPN" or _lemma(body) in _ORG_ANAPHORS):
                return _name_of(speakers, doc, body, seg, last_person)
    core = _core_tokens(tok)
    core_ids = {t.i for t in core}
    persons = [e for e in doc.ents if e.label_ == "PERSON" and e.start in core_ids]
    if persons:
        return speakers.add(persons[0].text)
    if _lemma(tok) in _ROLE_NOUNS:
        # "Ukraine's military commander, Oleksandr Syrskii," (the name may be tagged ORG or not at all).
        named = [c for c in tok.children if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN"]
        if named:
            return speakers.add(_chunk_text(named[0]))
        # "UNHCR's representative in Chad, Magatte Guisse, told AFP": set off by a comma within the subject,
        # however the parser attached it.
        last = max(t.i for t in tok.subtree)
        set_off = [
            e for e in doc.ents if e.label_ == "PERSON" and tok.i < e.start <= last and doc[e.start - 1].text == ","
        ]
        if set_off:
            return speakers.add(set_off[0].text)
    if tok.lower_ in _PRONOUN_REFS or (_lemma(tok) in _ROLE_NOUNS and tok.pos_ != "PROPN"):
        before = [name for offset, name in seg.persons if offset < tok.idx]
        if before:
            return speakers.add(before[-1])
        if last_person or tok.lower_ in _PRONOUN_REFS:
            return last_person
        # "the regional governor said", with no one named before: the role, as the copy names it (below).
    if ent is not None and ent.label_ in ("ORG", "NORP", "GPE") and ent.root == tok:
        owner = [
            c
            for c in tok.children
            if c.dep_ == "poss"
            and c.i < ent.start
            and (c.ent_type_ == "GPE" or (c.pos_ == "PROPN" and find_places(c.text)))
        ]
        if ent.label_ == "ORG" and owner:
            # "New Mexico's Department of Health": the state's department, not any department of health.
            place = _ent_of(owner[0])
            return f"{_ent_text(place) if place is not None else owner[0].text} {_ent_text(ent)}"
        role = [c for c in tok.children if c.dep_ == "poss" and c.i < ent.start and c.lower_ in _TITLE_WORDS]
        if ent.label_ == "ORG" and len(ent) == 1 and role:
            # "the Chief Minister's Office said": the office of that role, not the role's holder.
            words = [t for t in role[0].subtree if t.dep_ != "det"]
            return f"{tok.doc[words[0].i : words[-1].i + 1].text} {ent.text}"
        return _ent_text(ent)
    orgs = [e for e in doc.ents if e.label_ == "ORG" and e.start in core_ids]
    if orgs:
        return _ent_text(orgs[0])
    proper_core = any(t.ent_type_ in ("GPE", "NORP", "ORG") or t.pos_ == "PROPN" for t in core)
    if tok.pos_ == "PROPN" or (_lemma(tok) in _ORG_NOUNS and proper_core):
        return clean_name(_chunk_text(tok))  # "Gov. Ellen Brandt" untagged by NER is still Ellen Brandt
    if (
        tok.is_alpha
        and tok.is_upper
        and 2 <= len(tok) <= 8
        and tok.lower_ not in STOP_WORDS
        and not any(c.dep_ in ("compound", "amod") for c in tok.lefts)  # "state TV reported" is read below
    ):
        return tok.text  # "the NDRRMC said": an acronym, whatever the tagger made of it
    run = _capitalised_name(tok)
    if run:
        return run
    if _lemma(tok) in _ORG_ANAPHORS and any(c.lower_ == "the" for c in tok.children) and _described(tok, core):
        return _MAIN_ORG + _lemma(tok)  # "the company said": the organisation the story is about, per article
    if tok.lower_ in _BODY_ANAPHORS and any(c.lower_ == "the" for c in tok.children) and len(core) <= 2:
        return BODY_ANAPHOR + tok.lower_  # "according to the agency": the body named before, per article
    if tok.pos_ == "NOUN" and (_lemma(tok) in _ORG_NOUNS or tok.lower_ in _ORG_NOUNS):
        # "the prefectural government said", "state media reported", "local authorities put the toll at":
        # a body named by what it is.
        name = re.sub(r"^(the|a|an|its|their)\s+", "", _chunk_text(tok), flags=re.I)
        if " " not in name and tok.dep_ == "compound":
            # "according to interior ministry data": the parser hung "interior" on "data", not on "ministry".
            left = [t for t in tok.head.lefts if t.i < tok.i and t.dep_ in ("amod", "compound")]
            modifiers = [t for t in left if all(u in left for u in tok.doc[t.i : tok.i])]
            if modifiers:
                name = " ".join([*(t.text for t in modifiers), tok.text])
        # "the agency" alone is an anaphor, not a name; "the army", "the police" are the country's one body so called
        return name if " " in name or name.lower() in _ONE_OF_A_KIND else None
    is_role = bool(_ROLE_SUFFIX.search(tok.lower_)) or _lemma(tok) in _ROLE_NOUNS
    if tok.pos_ == "NOUN" and is_role and _lemma(tok) not in _RECORD_NOUNS:
        # "the district collector, who put the number at 201", "the county coroner said", "a police official
        # said": a role the copy names by what it is, with what says whose (one word alone, "the officer", may be
        # anyone).
        words = [t for t in tok.lefts if t.dep_ in ("compound", "amod") and t.i == tok.i - 1]
        if words:
            return f"{words[0].text} {tok.text}"
    return None


def _described(tok: Token, core: list[Token]) -> bool:
    """ "the company", "the electric-vehicle maker", "the Hamburg-based carrier": an organisation named only by
    what it is, with words that describe it (not "the company's chief executive" or "the Ford company")."""
    return len(core) <= 2 or all(
        t == tok or (t.dep_ in ("det", "amod", "compound", "punct", "npadvmod") and t.pos_ != "PROPN") or t.head != tok
        for t in core
    )


_TIME_WORDS = {*WEEKDAYS, *(m for m in MONTHS if len(m) > 3), "today", "yesterday"}
_ROLE_SUFFIX = re.compile(r"(?:or|er|ist|ian|ent|ate)$")


def _capitalised_name(tok: Token) -> str | None:
    """ "Doctors Without Borders said": a subject of two words or more, every one capitalised (or a joining
    "of", "for", "the", "and"), is one name, however it was parsed."""
    words = sorted(tok.subtree, key=lambda t: t.i)
    if len(words) < 2:
        return None
    if not all(t.text[:1].isupper() or t.lower_ in ("of", "for", "the", "and", "&") for t in words):
        return None
    if not (words[0].text[:1].isupper() and words[-1].text[:1].isupper()):
        return None
    return " ".join(t.text for t in words)


def _bare_source(tok: Token) -> str | None:
    """ "police said", "officials said", "local officials said": who the copy names, however plainly (a plural
    "officials" is a body, not one person to look back for; "the official" is)."""
    if tok.pos_ != "NOUN" or _lemma(tok) not in _BARE_SOURCES or any(c.lower_ == "the" for c in tok.children):
        return None
    if _lemma(tok) == "official" and tok.lower_ == "official":
        return None
    words = [
        t
        for t in tok.subtree
        if (t.i <= tok.i and t.dep_ in ("compound", "amod") and t.lower_ not in _TIME_WORDS) or t == tok
    ]  # "On Friday officials had reported 72 deaths": the parser may hang the day on the source
    # A capitalised word keeps its case unless it opens the sentence ("Arab diplomats", but "Police said").
    return " ".join(
        t.text if t.pos_ == "PROPN" or t.ent_type_ or (t.text[:1].isupper() and not t.is_sent_start) else t.lower_
        for t in words
    )
