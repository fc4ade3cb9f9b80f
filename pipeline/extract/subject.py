"""Whose a figure is: the country and group, organisation or place the counted noun and its clause name."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.extract.attribution import _is_speech_verb
from pipeline.extract.context import _ArticleContext
from pipeline.extract.countries import _country, _country_of_word, tok_is_demonym
from pipeline.extract.lexicon import (
    _BEAR_LOSS,
    _BUILDING_NOUNS,
    _CIVILIAN,
    _ECONOMY,
    _FISCAL,
    _GROUP_NOUNS,
    _HUMAN_MEASURES,
    _MILITARY,
    _NOT_COUNTED,
    _PEOPLE,
    _PHYSICAL,
    _PLACE_PREP,
    _STRIKE_WORDS,
)
from pipeline.extract.numbers import Quantity
from pipeline.extract.places import (
    FACILITY_AFTER,
    NAME_RUN,
    PLACE_TYPES,
    bare_name,
    country_name,
    find_places,
    places_in,
    unit_kinds,
)
from pipeline.extract.syntax import (
    _bare,
    _chunk_text,
    _core_tokens,
    _counted_noun,
    _dateline_end,
    _ent_of,
    _ent_text,
    _first_conjunct,
    _lemma,
    _lex,
    _names_event,
    _number_phrase,
)
from pipeline.extract.timex import MONTHS, WEEKDAYS

_STRIKES = re.compile(rf"(?i){_STRIKE_WORDS}")
# Violence by armed forces: the people it kills or wounds are civilians (a quake "struck" too, so not that verb).
_ATTACK_CUE = re.compile(
    r"(?i)\b(strikes?|attacks?|shelling|shelled|missiles?|drones?|bomb\w*|airstrikes?|"
    r"artillery|rockets?|forces|troops|militia\w*|gunmen)\b"
)


# Weapons of armed forces: who they kill are civilians whatever the story's event.
_ARMED_CUE = re.compile(r"(?i)\b(missiles?|drones?|airstrikes?|air strikes?|artillery|rockets?|shelling|shelled)\b")


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


_EVENT_AREA = re.compile(r"\b(burned|flooded)$")  # the event's extent among the physical measures


def _counted_group(noun: Token, number: Token) -> str | None:
    """ "the deaths of two deputies", "12 miners": a plural counted noun names the group a figure counts.

    It is not a measure word (deaths, cases), not a unit of time or a thing that is not counted.
    """
    if noun == number or noun.pos_ != "NOUN" or noun.tag_ != "NNS":
        return None
    lemma = _lemma(noun)
    if _lex(noun) is not None or noun.lower_ in _NOT_COUNTED or lemma in _BUILDING_NOUNS:
        return None
    return lemma


def _subject(
    number: Token, measure: str, q: Quantity, doc: Doc, location: str | None, context: _ArticleContext
) -> tuple[str | None, bool]:
    """ "Country / group" from the counted noun and its modifiers; elided=True when the sentence does not say."""
    if q.unit == "area" and context.event and _EVENT_AREA.search(measure):
        # "has burned 9,500 hectares", "area flooded": the extent of the story's event, a running figure of it
        # where it is (not a reading like a depth or a temperature, which has no "whose").
        return _where(number, doc, context), False
    if q.unit == "temperature" or measure in _PHYSICAL:
        return None, False
    noun = _counted_noun(number)
    phrase = list(noun.subtree) if noun != number else [number]
    put = _put_at(number)
    if _bare(noun, number):
        # "the number of Ukrainian soldiers killed ... is 55,000", "put the total number of Russian soldiers
        # killed ... at 1.1 million": the counted noun is in the clause around the number, not next to it.
        phrase = put + phrase + _clause_nouns(noun)
        if _group(phrase) is None:
            phrase = phrase + _number_phrase(number)
        if not (noun == number or noun.like_num or noun.pos_ == "NUM"):
            phrase = [t for t in phrase if t.dep_ != "poss"] + [
                t for c in noun.children if c.dep_ == "prep" for t in c.subtree
            ]
    if measure == "livestock lost":
        where = _where(number, doc, context)  # "9,870 head of livestock", "18,000 animals": one herd, wherever
        return (f"{where} / livestock" if where else "livestock"), False
    if measure == "territory occupied":
        phrase = _occupier(doc) or phrase
    if measure.startswith("prisoners"):
        group: str | None = "military"
    else:
        # "the deaths of two deputies": a toll names whose deaths; "31 goals" is no group of people.
        human = q.unit == "count" and any(h in measure for h in _HUMAN_MEASURES)
        group = _group(phrase) or (_counted_group(noun, number) if human else None)
    if group == "people" and re.search(r"(?i)\b(killed|died|wounded|injured)\s+(while\s+)?fighting\b", doc.text):
        group = "military"  # "people killed fighting on Russia's side"
    elif (
        group == "people"
        and measure in ("deaths", "injured", "casualties")
        and (_ARMED_CUE.search(doc.text) or (context.event in ("war", None) and _ATTACK_CUE.search(doc.text)))
    ):
        # The people armed forces' strikes kill are civilians, apart from soldiers; a bombing or a shooting that is
        # no war's kills people, whatever words a sentence uses for it ("the bombings killed 321", "253 people").
        group = "civilians"
    if group is None and measure == "casualties":
        # "Russia's losses ... 365,000", "put Russia's losses at 365,000": a side's losses in a war
        held = ([noun] if noun != number else []) + [t for t in put if t.dep_ == "dobj"]
        group = "military" if any(_lemma(t) in ("casualty", "loss") for t in held) else None
    # Not a country a clause on a place names ("in Lao Cai province bordering China"): the place's neighbour.
    aside = {
        t.i
        for c in phrase
        if c.dep_ in ("acl", "relcl")
        and any(h.lower_ in PLACE_TYPES or h.ent_type_ in ("GPE", "LOC") for h in (c.head, c.doc[c.i - 1]))
        for t in c.subtree
    }
    country = next(
        (c for c in (_country(t) for t in phrase if not _attackers(t, noun) and t.i not in aside) if c), None
    )
    if country is None and group == "military":
        side = re.search(
            r"\b(?:on|for)\s+(?:the\s+)?([A-Z][a-z]+)(?:['’]s)?\s+side\b|\bfighting\s+for\s+([A-Z][a-z]+)", doc.text
        )
        if side:
            country = _country_of_word(side.group(1) or side.group(2))
    if country is None and group == "military" and noun.dep_ == "dobj" and _lemma(noun.head) in _BEAR_LOSS:
        # "Russia had lost 1,200 troops", "has suffered 500,000 casualties": the side that bore them
        country = next((c for s in noun.head.children if s.dep_ == "nsubj" and (c := _country(s))), None)
    where = _where(number, doc, context)
    if country is None and group in ("civilians", "people"):
        country = where
    if group is None:
        if q.unit in ("distance", "other", "area"):
            return None, False  # a physical measurement (depth, magnitude) has no "whose"
        human = any(h in measure for h in _HUMAN_MEASURES)
        # A company reports its own profit; a ministry, people's deaths. In an event's story an organisation
        # saying "it" delivered doses or set up tents reports the event's figures, not its own.
        owner = _owner(number, reported=not human, its_own=context.event is None)
        if owner and _PLACE_NAME.search(owner):
            # "Ishikawa Pref.", "Buncombe County": a place as the clause's subject is where, not whose.
            where = _place_with_country(owner, context)
        elif owner and not human:
            # People are counted where they are: an agency reporting cases is their source, not their owner.
            return owner, False
        place = where
        if measure in _ECONOMY and place:
            return f"{place} / economy", False
        if (measure in _FISCAL or measure.startswith("spending on ")) and place:
            return f"{place} / government", False
        if human and place:
            # A default; a bare number ("put deaths at 43,000") still takes the subject of the figure it updates.
            return f"{place} / people", _bare(noun, number)
        if context.main_org and (q.unit in ("currency", "percent") or not _bare(noun, number)):
            return context.main_org, False
        if place and context.event and q.unit == "currency" and measure in _EVENT_COSTS:
            # "Losses to crops were estimated at 7.1 billion pesos": in an event's story (about no one
            # organisation), what the event cost the place.
            return f"{place} / economy", False
        if place and q.unit == "count" and noun != number and noun.pos_ == "NOUN":
            return f"{place} / {noun.lemma_.lower()}", False  # "3,770 houses" in a story set in Nepal
        return None, True
    if group == "migrants":
        return "migrants", False  # people on the move belong to no country the story can name
    country = country or (where if group != "military" else None)
    if country is None:
        return (f"Unknown / {group}" if group not in ("military",) else None), group == "military"
    return f"{country} / {group}", False


_PUT_VERBS = {"put", "estimate", "place", "peg", "set", "fix"}


def _put_at(number: Token) -> list[Token]:
    """ "put Russia's losses at nearly 365,000", "estimated Ukraine's dead at 43,000": what was put at the number,
    its owner with it (not the one who put it)."""
    prep = number.head
    if number.dep_ != "pobj" or prep.lower_ != "at" or prep.head.pos_ != "VERB" or _lemma(prep.head) not in _PUT_VERBS:
        return []
    return [t for c in prep.head.children if c.dep_ == "dobj" for t in c.subtree]


def _attackers(tok: Token, counted: Token) -> bool:
    """ "people killed in a Russian missile strike on Kharkiv": a country word on the attack in the counted phrase
    names who struck, not whose dead they are ("Russian troops killed" is the troops' own)."""
    return tok.head != counted and tok.head.pos_ == "NOUN" and bool(_STRIKES.fullmatch(tok.head.text))


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
        if anc.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in anc.children):
            break  # "Soldiers worked through the night, as the death toll rose to 58": another statement's nouns
    return out


_SUBORDINATORS = {"as", "while", "when", "after", "before", "because", "since", "though", "although", "whereas"}


def _occupier(doc: Doc) -> list[Token]:
    for tok in doc:
        if _lemma(tok) in ("occupy", "control", "hold", "seize", "capture"):
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children]
            for s in subj + agent:
                return list(s.subtree)
    return []


def _owner(number: Token, reported: bool = False, its_own: bool = False) -> str | None:
    """Whose figure it is: the organisation or person that is the clause's subject ("Veltra Motors' revenue rose
    12%", "Tavares scored 31 goals"). The subject of a speech verb is the source, not the owner, unless
    `reported` and the figure is in what it reports ("Ryanair reported a profit of €1.92 billion"); with `its_own`,
    "it" reporting of itself is the speaker ("Alphabet announced it will cut 12,000 jobs")."""
    for anc in number.ancestors:
        if anc.lower_ in ("cost", "costs") and (anc.pos_ == "VERB" or any(c.dep_ == "dative" for c in anc.children)):
            # (the tagger may take "the stoppage cost it 40 million pounds" for a noun)
            whose = _whose_cost(anc, number)
            if whose:
                return whose
        if anc.pos_ not in ("VERB", "AUX"):
            continue
        # "Ryanair reported a profit of €1.92 billion": a speech verb's subject owns what it reports as its object;
        # "the ministry said 40 people died" (a clause of its own) is only its source.
        if _is_speech_verb(anc):
            branch = next(c for c in anc.children if number in c.subtree)
            if not reported or branch.dep_ not in ("dobj", "prep", "npadvmod"):
                return None
        for c in anc.children:
            if its_own and c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("it", "they") and anc.dep_ == "ccomp":
                # "Alphabet announced it will cut 12,000 jobs": "it" is who announced it.
                speaker = next((s for s in anc.head.children if s.dep_ == "nsubj"), None)
                if speaker is not None and _is_speech_verb(anc.head):
                    c = next((a for a in speaker.children if a.dep_ == "appos" and a.pos_ == "PROPN"), speaker)
            if c.dep_ in ("nsubj", "nsubjpass", "appos") and number in c.subtree:
                # the counted phrase itself ("At least eight coaches of the X Express, which runs ..."): only
                # its possessor owns it ("Orvex's 1,800 workers")
                possessor = next((e for x in c.children if x.dep_ == "poss" and (e := _ent_of(x)) is not None), None)
                if possessor is not None and possessor.label_ in ("ORG", "PERSON"):
                    return _ent_text(possessor)
                continue
            if c.dep_ in ("nsubj", "nsubjpass", "appos"):
                ent = _ent_of(c) or next(
                    (e for t in _core_tokens(c) if (e := _ent_of(t)) is not None and e.label_ in ("ORG", "PERSON")),
                    None,
                )
                if ent is not None and ent.label_ in ("ORG", "PERSON"):
                    return _ent_text(ent)  # "Tavares scored", "the Democratic Renewal party won"
                if ent is None and c.pos_ == "PROPN" and not find_places(c.text):
                    return _chunk_text(c)  # "Alphabet will cut 12,000 jobs": a name no tagger knew
                poss = [x for x in c.children if x.dep_ == "poss"]
                for x in poss:
                    ent = _ent_of(x)
                    if ent is not None and ent.label_ == "ORG":
                        return _ent_text(ent)
                    if x.lower_ in ("its", "their"):
                        # "Corvid Motors said its third-quarter profit fell": "its" is the company that said so.
                        owner = _speaking_name(anc)
                        if owner:
                            return owner
                if c.dep_ == "nsubj" and _lemma(c) in ("share", "stock"):
                    # "Shares of Nordell Bank slumped 11%": the company's.
                    owned = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
                    if owned and (owned[0].pos_ == "PROPN" or owned[0].ent_type_ == "ORG"):
                        ent = _ent_of(owned[0])
                        return _ent_text(ent) if ent is not None else _chunk_text(owned[0])
                if (
                    c.dep_ == "nsubj"
                    and c.pos_ == "NOUN"
                    and any(
                        t.ent_type_ == "ORG"
                        for p in c.children
                        if p.dep_ == "prep" and p.lower_ == "of"
                        for t in p.subtree
                    )
                ):
                    # "a coalition of the Farmers Union and Liberals took 8.1%": the coalition's share, not the
                    # party named before it in the sentence.
                    words = [t for t in c.subtree if not (t.i == c.left_edge.i and t.dep_ == "det")]
                    return " ".join(t.text for t in words)
        return _his_own(anc)
    return None


def _his_own(verb: Token) -> str | None:
    """ "Haaland scoring twice to take his tally to 25 goals": a tally that is "his" is the person's who acts."""
    if not any(g.lower_ in ("his", "her") for c in verb.children if c.dep_ == "dobj" for g in c.children):
        return None
    for anc in (verb, *verb.ancestors):
        person = next((c for c in anc.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
        if person is not None:
            return _chunk_text(person)
    return None


def _whose_cost(verb: Token, number: Token) -> str | None:
    """ "The strike has cost Zentra Motors about $600 million", "Stellantis said the walkout cost it 3 billion
    euros": whom it cost (a pronoun is the one saying so)."""
    for c in verb.children:
        if c.dep_ not in ("dative", "iobj", "dobj") or number in c.subtree:
            continue
        if c.lower_ in ("it", "them", "us"):
            return _speaking_name(verb)
        ent = _ent_of(c)
        if ent is not None and ent.label_ in ("ORG", "PERSON"):
            return _ent_text(ent)
        if c.pos_ == "PROPN" and not find_places(c.text):
            return _chunk_text(c)
    return None


def _speaking_name(verb: Token) -> str | None:
    """The name of the subject of the speech verb a clause hangs from: an organisation or a proper noun."""
    for anc in (verb, *verb.ancestors):
        if _is_speech_verb(anc):
            subject = next((c for c in anc.children if c.dep_ == "nsubj"), None)
            if subject is None:
                return None
            ent = _ent_of(subject)
            if ent is not None and ent.label_ == "ORG":
                return _ent_text(ent)
            if subject.pos_ == "PROPN" and not find_places(subject.text):
                return _chunk_text(subject)
            return None
    return None


_PLACE_NAME = re.compile(r"\b(" + "|".join([*(t.title() for t in PLACE_TYPES), r"Pref\.?", "State", "Region"]) + r")\b")


def _place_with_country(name: str, context: _ArticleContext) -> str:
    """A place name with its country ("Buncombe County, U.S."), the story's country when the gazetteer is silent."""
    code = context.places.country_of(name) or context.places.country
    country = country_name(code) if code else context.main_country
    name = re.sub(r"\s+(Pref\.?|Prefecture)$", "", name.strip())
    return f"{name}, {country}" if country and not context.places.is_country(name) else name


def _clause_verb(tok: Token) -> Token | None:
    """The verb (or the root) whose clause a token belongs to."""
    for anc in [tok, *tok.ancestors]:
        if anc.pos_ in ("VERB", "AUX") or anc.dep_ == "ROOT":
            return anc
    return None


# "Hurricane Delphine", "Typhoon Hagibis": a storm's name, not a place.
_STORMS = r"(?:hurricane|typhoon|cyclone|tropical storm|storm)"
_STORM_NAME = re.compile(rf"(?i){_STORMS}\s")
_STORM_BEFORE = re.compile(rf"(?i)\b{_STORMS}\s+$")
# "the village of Zachlorou", "the town of Guachavita": a name the copy says is a place, known or not.
_PLACE_KINDS = {
    "village", "town", "city", "district", "province", "municipality", "county", "region", "island", "port", "suburb",
}  # fmt: skip
_CALLED_A_PLACE = re.compile(rf"\b(?:{'|'.join(sorted(_PLACE_KINDS))})s? of\s+([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)")


def _kind_of_place(span: Span) -> Token | None:
    """The word that says what the place is, when the copy names it so: "village" in "the village of Zachlorou"."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_.rstrip("s") in _PLACE_KINDS:
        return root.head.head
    return None


def _sentence_places(doc: Doc, context: _ArticleContext) -> tuple[list[tuple[int, int, str]], set[int]]:
    """The place names of a sentence as (start, end, name) character spans, and the starts of those only the
    story's names make places."""
    gazetteer = [(p.start, p.end, p.name) for p in places_in(doc)]
    spans = list(gazetteer)
    # An entity around a gazetteer place is that place ("West Texas", "eastern New Mexico" are Texas and New
    # Mexico): one name per place, so a region's figures share the key of the place it is part of.
    spans += [
        (e.start_char, e.end_char, e.text)
        for e in doc.ents
        if (e.label_ in ("GPE", "LOC") or (e.label_ == "ORG" and _PLACE_NAME.search(e.text)))
        and not any(start < e.end_char and e.start_char < end for start, end, _ in gazetteer)
        and e.text[:1].isupper()
    ]
    learnt = context.places.story_names
    learnt_spans: list[tuple[int, int, str]] = []
    if learnt:
        # A name the story learnt as a place ("Rukum West", tagged a person by the small model) is a place of
        # the figures in its own clause.
        learnt_spans = [
            (m.start(), m.end(), m.group())
            for m in NAME_RUN.finditer(doc.text)
            if any(bare_name(w) in learnt for w in m.group().split())
            and not any(start < m.end() and m.start() < end for start, end, _ in spans)
        ]
    text = doc.text
    called = [
        (m.start(1), m.end(1), m.group(1))
        for m in _CALLED_A_PLACE.finditer(text)
        if not any(start < m.end(1) and m.start(1) < end for start, end, _ in spans + learnt_spans)
    ]
    sites = [
        span
        for span in spans + learnt_spans + called
        if not FACILITY_AFTER.match(text[span[1] : span[1] + 30])
        and not _STORM_NAME.match(span[2])
        and not _STORM_BEFORE.search(text[max(0, span[0] - 16) : span[0]])
    ]
    return sites, {start for start, _, _ in learnt_spans}


def _where_here(number: Token, doc: Doc, context: _ArticleContext) -> str | None:
    """The place the figure's own sentence names for it: "Jajarkot, Nepal" (nearest the number), or None.

    A place the gazetteer does not know takes the article's country; a country named on its own is the place.
    """
    if _across_places(number):
        return None  # "bringing the toll across the two states to 22": no one place's count
    if (beyond := _beyond_the_country(number)) is not None:
        return beyond  # "410,000 cases worldwide", "across the Western Pacific region": not the story's country's
    best: tuple[tuple[int, int], str, str | None] | None = None
    counted = _counted_noun(number)
    own = {number.i, counted.i}
    cached = doc.user_data.get("wiretally_places")
    if cached is None:  # every number in the sentence asks, twice (its subject and its key's place)
        cached = doc.user_data["wiretally_places"] = _sentence_places(doc, context)
    spans, learnt_at = cached
    clause = _clause_verb(number)
    found = [(span, name) for start, end, name in spans if (span := doc.char_span(start, end, "expand")) is not None]
    found += _named_after(number, [span for span, _ in found])
    opening = _dateline_end(doc)
    found = [(span, name) for span, name in found if span.start >= opening]  # where it was filed, not the place
    if (respective := _respective_place(number, found) or _place_it_hangs_on(number, found)) is not None:
        code = context.places.country_of(respective) or context.places.country
        country = country_name(code) if code else context.main_country
        return (
            country or respective
            if context.places.is_country(respective) or not country
            else f"{respective}, {country}"
        )
    for span, name in found:
        if any(ch.isdigit() for ch in name) or name.lower() in MONTHS or name.lower() in WEEKDAYS:
            continue  # "3,870 cases in ME17", "in October": a week's code, a month; no place
        if (
            number.dep_ == "pobj"
            and number.head.lower_ == "with"
            and (span.end == number.head.i or span.start <= number.head.head.i < span.end)
        ):
            # "Cagayan with 39 deaths, followed by Isabela with 19": the place the number comes with
            best = ((0, -2), name, context.places.country_of(name) or context.places.country)
            continue
        if any(a.lower_ == "between" for a in list(span.root.ancestors)[:4]):
            continue  # "near the border between Odisha and Andhra Pradesh": a border or a route, no place's count
        if span.root.dep_ == "poss" and any(
            other.start >= span.end and other.root.head == span.root.head for other, _ in found if other != span
        ):
            continue  # "in Sri Lanka's Badulla district": the district is the place, its country says whose
        first = span.start
        while first > 0 and doc[first - 1].dep_ in ("amod", "compound", "det") and doc[first - 1].head in span:
            first -= 1  # "in rural West Texas": the words before the place's own modifiers
        if span.root.dep_ == "compound" and span.root.head.lower_ in PLACE_TYPES and span.root.head.i == span.end:
            first = min(first, span.root.head.left_edge.i)  # "in Sri Lanka's Badulla district": the whole name
        kind = _kind_of_place(span)
        if kind is not None:
            first = min(first, kind.left_edge.i)  # "from the village of Zachlorou": the words before "the village"
        before = {t.lower_ for t in doc[max(0, first - 2) : first]}
        listed = span.end < len(doc) and doc[span.end].text in (",", ":") and span.end + 1 == number.i
        reporter = _reporters_place(span, clause)
        tally = _tally_place(span, number) or _events_place(span, clause)
        if not (before & _PLACE_PREP or listed or span.end == number.i or reporter or tally):
            continue
        owner = _number_before(span, first)
        if owner is not None and owner.i not in own:
            continue  # "236 died in Punjab, 212 in Sindh": Sindh is 212's, whatever the parse hangs it on
        place_clause = _clause_verb(span.root)
        code = context.places.country_of(name) or context.places.country
        if owner is not None:
            best = ((0, -1), _with_conjoined(span, name, found), code)  # its own, before any other
            continue
        if _place_of_a_part(span, number) or _where_spoken(span, number):
            continue
        if _earlier_conjunct_place(span, place_clause, clause, number):
            continue
        if span.start_char in learnt_at and not reporter and place_clause != clause:
            continue
        if (
            clause is not None
            and place_clause is not None
            and place_clause != clause
            and _subordinate(span.root, clause, counted)
            and not (reporter or _governs_place(number, span))
        ):
            # A place inside a clause of the figure's own ("the quake that struck Jajarkot killed 157", "256
            # injured, with the most recorded in Jajarkot") is where that clause happened, not what was counted.
            continue
        # A place in the number's own clause ("7,148 houses ... in Aathbiskot, followed by 3,146 in Sanibheri")
        # before the nearest one in another; the reporter's place ("Buncombe County officials reported 72
        # deaths") when the clause names none.
        distance = (
            int(place_clause != clause),  # tokens are views: compare, never `is`
            0 if _governs_place(number, span) else min(abs(span.start - number.i), abs(span.end - number.i)),
        )
        if reporter:
            distance = (0, len(doc))
        opens_item = first == 0 or doc[first - 1].text in (";", ":") or doc[first - 1].lower_ == "and"
        if listed and opens_item:
            distance = (0, 0)  # "Georgia, 25; Florida, 11": the item's own place, alone
        if best is None or distance < best[0]:
            best = (distance, name if listed and opens_item else _with_conjoined(span, name, found), code)
    if best is None:
        return None
    _, name, code = best
    country = country_name(code) if code else context.main_country
    if context.places.is_country(name) or not country:
        return country or name
    return f"{name}, {country}"


def _place_it_hangs_on(number: Token, found: list[tuple[Span, str]]) -> str | None:
    """The place a count's clause hangs on: "Sindh was the worst-hit province, where 792 people were killed" (a
    "where" clause on what the place is), "followed by Balochistan with 336 deaths" (what it comes with)."""

    def name_at(tok: Token) -> str | None:
        return next((name for span, name in found if span.start <= tok.i < span.end), None)

    clause = _clause_verb(number)
    if clause is not None and clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
        noun = clause.head
        if noun.dep_ == "attr":  # what the copula says the place is
            subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
            return name_at(subjects[0]) if subjects else None
    noun = _counted_noun(number)
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "with" and prep.head.lemma_ == "follow":
        agents = [g for c in prep.head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return name_at(agents[0]) if agents else None
    return None


def _respective_place(number: Token, found: list[tuple[Span, str]]) -> str | None:
    """ "Khyber Pakhtunkhwa and Punjab reported 308 and 223 deaths, respectively": the place at the number's
    position in a list of places as long as the list of numbers it is one of."""
    if not any(t.lower_ == "respectively" for t in number.doc):
        return None
    first = _first_conjunct(number)
    numbers = sorted(
        {first, *(t for t in first.subtree if t.like_num and _first_conjunct(t) == first)}, key=lambda t: t.i
    )
    if len(numbers) < 2 or number not in numbers:
        return None

    def name_at(tok: Token) -> str | None:
        return next((name for span, name in found if span.start <= tok.i < span.end), None)

    for span, _ in found:
        head = _first_conjunct(span.root)
        if head != span.root:
            continue
        places = sorted(
            {head, *(t for t in head.subtree if t.dep_ == "conj" and _first_conjunct(t) == head)}, key=lambda t: t.i
        )
        names = [name_at(t) for t in places]
        if len(names) == len(numbers) and all(names):
            return names[numbers.index(number)]
    return None


def _number_before(span: Span, first: int) -> Token | None:
    """The number a place directly follows as its own: "171 in Sindh", "23 people in Suzu", "15 from the village of
    Zachlorou"."""
    doc = span.doc
    if first < 2 or doc[first - 1].lower_ not in ("in", "from", "at"):
        return None
    before = doc[first - 2]
    if before.like_num and before.pos_ == "NUM":
        return before
    if before.pos_ == "NOUN" and before.tag_ == "NNS" and before.i >= 1:
        number = doc[before.i - 1]
        if number.like_num and number.pos_ == "NUM" and number.head == before:
            return number
    return None


def _earlier_conjunct_place(span: Span, place_clause: Token | None, clause: Token | None, number: Token) -> bool:
    """A place inside an earlier clause joined to the number's, where that clause counts for itself: "77 people had
    died in Punjab, and that 930 others had been injured" (a place after both, "44 died and 70 were injured in
    Barekot", is both's)."""
    if place_clause is None or clause is None or place_clause == clause:
        return False
    if not (clause.dep_ == "conj" and clause.head == place_clause) and not (
        place_clause.dep_ == "conj" and place_clause.head == clause
    ):
        return False
    if span.end > clause.left_edge.i:
        return False
    if span.root.head.dep_ == "prep" and span.root.head.i == place_clause.left_edge.i:
        return False  # "In New Mexico, the outbreak has affected 30 people, and one resident died": the scene of both
    return any(
        t.like_num and t.pos_ == "NUM" and t != number and t.ent_type_ not in ("DATE", "TIME", "ORDINAL")
        for t in place_clause.subtree
        if t.i < clause.left_edge.i
    )


# First-level units: "across nine counties" is one state's count spread over its counties; "across the two
# states" is no one state's.
_UNITS = {"state", "province", "country", "region", "prefecture"}


_NATIONWIDE = {"national", "nationwide", "countrywide", "nationally"}


def _across_places(number: Token) -> bool:
    """Whether the figure or its tally spans several first-level places: "the toll across the two states", "the
    national death toll rose to 642", "4,870 destroyed across the country", "1,700 injured nationwide"."""
    heads = [number, *list(number.ancestors)[:3]]
    nouns = heads + [c for h in heads for c in h.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    # "21,340 houses had been damaged and 4,870 destroyed across the country": a phrase after the joined verb is both's
    nouns += [c for h in heads if h.pos_ == "VERB" for c in h.children if c.dep_ == "conj" and c.i > number.i]
    return any(
        (
            prep.dep_ == "prep"
            and prep.lower_ in ("across", "throughout")
            and any(
                g.dep_ == "pobj"
                and ((g.tag_ == "NNS" and g.lemma_.lower() in _UNITS) or g.lower_ in ("country", "nation"))
                for g in prep.children
            )
        )
        or (prep.dep_ in ("amod", "advmod") and prep.lower_ in _NATIONWIDE)
        for noun in nouns
        for prep in noun.children
    )


_EVENT_COSTS = {"losses", "cost", "damage"}
_WORLDWIDE = {"worldwide", "globally", "internationally", "global"}
_WORLD = {"world", "globe"}
# The continents and oceans that name regions of several countries ("the Western Pacific", "the Asia-Pacific region").
_SUPRANATIONAL = re.compile(
    r"(?i)\b(?:Pacific|Atlantic|Indian Ocean|Asia|Asian|Africa|African|Europe|European|America|Americas|Caribbean|"
    r"Mediterranean|Middle East|Arctic|Antarctic|Balkans?|Baltic|Nordic|Sahel|Eurasia)\b"
)


def _beyond_the_country(number: Token) -> str | None:
    """ "World" for a figure counted worldwide ("410,000 cases worldwide", "around the world", "global sales of
    1.2 million"), "<Name> region" for one counted across a named region of several countries ("across the Western
    Pacific region"); None for the rest."""
    counted = _counted_noun(number)
    heads = [number]
    for head in list(number.ancestors)[:3]:  # up to the figure's own verb: "worldwide" in another clause is not its
        heads.append(head)
        if head.pos_ in ("VERB", "AUX"):
            # and what the clause measures: "Inflation in the euro area rose to 2.3%"
            heads += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
            where = head.dep_ == "relcl" and any(c.lower_ == "where" for c in head.children)
            if where and _euro_zone(head.head, currency=True):
                return "Euro zone"  # "the 21 countries that share the euro, where inflation held at 2.0%"
            break
    if counted not in heads:
        heads.append(counted)
    for head in heads:
        for child in head.children:
            if child.dep_ in ("advmod", "amod", "npadvmod") and child.lower_ in _WORLDWIDE:
                return "World"
            if child.dep_ == "compound" and _euro_zone(child):
                return "Euro zone"  # "euro zone inflation"
            if child.dep_ != "prep" or child.lower_ not in ("across", "around", "in", "throughout", "worldwide"):
                continue
            for place in (g for g in child.children if g.dep_ == "pobj"):
                if place.lower_ in _WORLD:
                    return "World"
                if _euro_zone(place):
                    return "Euro zone"
                name = [t for t in place.subtree if t.i < place.i and t.dep_ != "det" and t.text[:1].isupper()]
                if place.lower_ == "region" and name:
                    words = place.doc[name[0].i : place.i].text
                    if _SUPRANATIONAL.search(words):  # not "the Sumy region", a country's own
                        return f"{words} region"
    return None


def _euro_zone(tok: Token, currency: bool = False) -> bool:
    """ "the euro zone", "the eurozone", "the euro area"; with `currency`, "the euro" (the countries that share
    it, as a "where" clause after it speaks of them)."""
    if tok.lower_ == "eurozone" or (currency and tok.lower_ == "euro"):
        return True
    return tok.lower_ in ("zone", "area") and any(c.lower_ == "euro" for c in tok.children if c.dep_ == "compound")


_TOLLS = {"toll", "tally", "count", "total", "number"}


def _events_place(span: Span, clause: Token | None) -> bool:
    """The place that names the event the clause's subject is: "the Attica fire burned 14,200 hectares"."""
    root = span.root
    event = root.head
    return (
        clause is not None
        and root.dep_ in ("compound", "poss")
        and event.dep_ in ("nsubj", "nsubjpass")
        and event.head == clause
        and _names_event(event)
    )


def _tally_place(span: Span, number: Token) -> bool:
    """The place that names the tally the number is given for: "put the Louisiana toll at 14", "Mississippi's
    death toll rose to 10"."""
    root = span.root
    if root.dep_ not in ("compound", "poss") or root.head.lemma_.lower() not in _TOLLS:
        return False
    tally = root.head
    prep = number.head if number.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("at", "to"):
        return False
    verb = prep.head
    return tally.head == verb and tally.dep_ in ("dobj", "nsubj", "nsubjpass")


_SPOKEN = {"say", "tell", "speak", "announce", "address", "brief"}


def _where_spoken(span: Span, number: Token) -> bool:
    """The place the source spoke in ("'we have recovered 14 bodies,' Suesca told reporters in Guachavita"),
    when the figure is in a clause of its own: where it was said, not what was counted."""
    speaking = next(
        (t for t in span.root.ancestors if t.pos_ == "VERB" and t.dep_ == "advcl" and t.lemma_.lower() in _SPOKEN),
        None,
    )
    if speaking is not None and number not in speaking.subtree:
        return True  # "Speaking to journalists after a cabinet meeting in Karachi, the minister said ..."
    prep = span.root.head
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
        return False
    verb = prep.head
    if prep.i < verb.i and prep.i == verb.left_edge.i:
        return False  # "In Mississippi, MEMA said the toll had risen to seven": the scene of all the sentence says
    return verb.pos_ == "VERB" and verb.lemma_.lower() in _SPOKEN and _clause_verb(number) != verb


def _named_after(number: Token, known: list[Span]) -> list[tuple[Span, str]]:
    """ "23 in Suzu", "71 in Suzu City": a proper name the number takes "in" to is a place, known or not."""
    out = []
    noun = _counted_noun(number)
    heads = [number, noun]
    # "52 died in Rukum West", "132 people were injured in Rukum West": the place of the verb the count is subject of.
    heads += [t.head for t in (number, noun) if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX")]
    for head in dict.fromkeys(heads):
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"):
            for name in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
                if name.ent_type_ in ("DATE", "TIME", "PERSON", "ORG", "NORP") or any(name in k for k in known):
                    continue
                span = name.doc[min(t.i for t in name.subtree if t.dep_ == "compound" or t == name) : name.i + 1]
                out.append((span, span.text))
    clause = _clause_verb(number)
    if clause is not None:
        # "the Attica fire burned 14,200 hectares": the proper name the event the clause's subject is bears
        for event in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and _names_event(c)):
            for name in (c for c in event.children if c.dep_ == "compound" and c.pos_ == "PROPN"):
                if name.ent_type_ not in ("GPE", "LOC") and not find_places(name.text):
                    continue  # "the Ebola outbreak": a disease, not a place
                if any(name in k for k in known):
                    continue
                out.append((name.doc[name.i : name.i + 1], name.text))
    return out


def _reporters_place(span: Span, clause: Token | None) -> bool:
    """The place that is the clause's subject or names it: "Buncombe County officials, who reported 72 deaths",
    "the Texas Department of State Health Services reports 10 cases" (local officials count their own place),
    "Gaines County remains the epicenter with 174 cases"."""
    if clause is None:
        return False
    reporters = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if clause.dep_ == "relcl":
        reporters.append(clause.head)
    main = _with_clause_head(clause)
    if main is not None:
        # "Rukum West follows, with 52 deaths", "The district of Jajarkot bore the brunt, with 2,685 houses
        # damaged": a "with" clause counts for the subject of the clause it hangs on.
        reporters += [c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")]
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_ in PLACE_TYPES:
        root = root.head.head  # "the district of Jajarkot"
    return root in reporters or (root.dep_ in ("compound", "poss") and root.head in reporters)


def _subordinate(inner: Token, outer: Token, counted: Token) -> bool:
    """Whether `inner` is a clause about something else inside `outer`'s clause: a relative clause or participle
    on another noun ("the quake that struck ...") or a "with" phrase ("..., with the most recorded in ...").
    A participle on the counted noun's own phrase ("houses damaged in Salyan", "cases of measles associated with
    travel in Harris County") is the figure's own."""
    own = set(counted.subtree)
    head = counted
    while head.dep_ == "pobj" and head.head.lower_ == "of":  # "three of the 95 deaths chronicled in ..."
        head = head.head.head
        own.add(head)
    if inner in counted.subtree:
        return False  # inside the counted phrase: "two cases ... in Harris County residents"
    tok = inner
    while tok != outer and tok.head != tok:
        if (tok.dep_ in ("relcl", "acl") and tok.head not in own) or (
            tok.dep_ == "prep" and tok.lower_ == "with" and tok.head.pos_ in ("VERB", "AUX")
        ):
            return outer in tok.ancestors
        tok = tok.head
    return False


def _with_clause_head(clause: Token) -> Token | None:
    """The verb a "with" clause or a participle hangs on ("..., with 2,685 houses suffering damage", "..., resulting
    in 37 deaths"), or None."""
    if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "with" for c in clause.children):
        return clause.head
    if clause.dep_ == "pcomp" and clause.head.lower_ == "with":
        return clause.head.head
    if clause.dep_ == "advcl" and clause.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in clause.children):
        return clause.head  # "Yen Bai Province has experienced landslides, resulting in 37 deaths"
    return None


_PARTITIVE = frozenset({"most", "many", "some", "half", "majority", "rest", "several", "all", "bulk", "remainder"})


def _place_of_a_part(span: Span, number: Token) -> bool:
    """A place that belongs to a part of the figure, not to the whole.

    "48 deaths, including 20 in Buncombe County" and "30 cases, most of them in Lea County": the place hangs from
    another number or from a partitive word on the way up to the clause, so it says where the part is.
    """
    counted = _counted_noun(number)
    tok = span.root
    while tok.head != tok:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "prep" and number not in tok.subtree:
            # "..., most of them swept away in Punjab's districts": a clause of its own about a part
            return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _PARTITIVE for c in tok.children)
        if tok == number or tok == counted or (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "prep"):
            return False
        if (tok.like_num and tok.pos_ == "NUM") or tok.lower_ in _PARTITIVE:
            return True
    return False


def _governs_place(number: Token, span: Span) -> bool:
    """ "39 in Wajima and 23 in Suzu": the place the number (or its noun) takes a preposition to is its own."""
    root = _kind_of_place(span) or span.root  # "15 from the village of Zachlorou": the village is the place
    prep = root.head
    return root.dep_ == "pobj" and prep.dep_ == "prep" and prep.head in (number, _counted_noun(number))


def _with_conjoined(span: Span, name: str, found: list[tuple[Span, str]]) -> str:
    """A place joined to another ("in West Texas and New Mexico") is the two together: their combined count."""
    text = span.doc.text
    for other, other_name in found:
        between = text[span.end_char : other.start_char] if span.start < other.start else ""
        between = between or text[other.end_char : span.start_char]
        if between in (" and ", " & ") or (other.root.dep_ == "conj" and other.root.head in span):
            return " and ".join(sorted((name, other_name)))  # one name whichever the article puts first
    return name


# A public body whose name carries its jurisdiction: "Texas Department of State Health Services", "Ishikawa
# government officials", "Buncombe County Manager Avril Pinder" (an outlet's "Kathmandu Post" is not one).
_PUBLIC_BODY = re.compile(
    r"\b(?:Department|Ministry|[Gg]overnment|[Oo]fficials?|Office|Pref\.?|Prefecture|County|Police|Sheriff|"
    r"Governor|Mayor|Manager|Authority|Agency|Commission|Council|Fire|Health|Emergency|Administration)\b"
)


# Places a speaker can call their own: "died in his county", "in her state".
_OWN_PLACES = {"county", "parish", "state", "province", "district", "city", "town", "prefecture", "municipality"}


def own_place(number: Token, speaker: str | None, context: _ArticleContext) -> str | None:
    """ "Bellwood County Sheriff Dale Purvis said six people had now died in his county": the place of that kind the
    speaker's name or title gives, for a figure its clause places "in his county" (or her state, their district)."""
    verb = _clause_verb(number)
    if verb is None or not speaker:
        return None
    kinds = [
        t.lower_
        for t in verb.subtree
        if t.dep_ == "pobj"
        and t.lower_ in _OWN_PLACES
        and any(c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in t.children)
    ]
    if not kinds:
        return None
    before = f"{speaker}. {number.doc[: number.i].text}"
    if kinds[0] != "state":
        # "Bellwood County": a name the copy gives with its kind is a place of that kind, known or not.
        called = re.search(rf"\b((?:[A-Z][\w'’.-]+\s+){{1,3}}{kinds[0].title()})\b", before)
        return _place_with_country(called.group(1), context) if called else None
    states = [p.name for p in find_places(before) if not p.is_country]
    return _place_with_country(states[0], context) if len(set(states)) == 1 else None


_UNIT_WORDS = {"province", "state", "prefecture", "region"}


def named_unit(number: Token, index: int, context: _ArticleContext) -> str | None:
    """ "517 people have been injured in the province": the unit of that kind the article named last before the
    figure ("Sindh", a province of the story's country), for a figure its clause places in "the province" (`index`:
    the figure's sentence)."""
    verb = _clause_verb(number)
    country = context.places.country
    if verb is None or country is None:
        return None
    kinds = [
        t.lemma_.lower()
        for t in verb.subtree
        if t.dep_ == "pobj"
        and t.head.lower_ in ("in", "across", "throughout")
        and t.lemma_.lower() in _UNIT_WORDS
        and t.tag_ == "NN"
        and [c.lower_ for c in t.children] == ["the"]
    ]
    if not kinds:
        return None
    before = context.text_before(index, number.idx)  # only now: most figures' clauses name no "the province"
    named = [p.name for p in find_places(before) if not p.is_country and kinds[0] in unit_kinds(p.name, country)]
    return _place_with_country(named[-1], context) if named else None


def speakers_place(speaker: str | None, subject: str | None, context: _ArticleContext) -> str | None:
    """The place a figure's source governs, for a figure whose sentence names none.

    "Nine people have been hospitalized, the Texas Department of State Health Services said": a state's health
    department counts its state, so the figure is Texas's, not the nation's. Only for a subject that is the
    country's ("U.S. / people"), and a source naming exactly one place in that country below the nation.
    """
    if not speaker or not subject or " / " not in subject or not _PUBLIC_BODY.search(speaker):
        return None
    whose = subject.split(" / ", 1)[0]
    places = {p.name for p in find_places(speaker) if not p.is_country}
    if len(places) != 1:
        return None
    name = _place_with_country(places.pop(), context)
    if not name.endswith(f", {whose}"):
        return None  # the source's place is not in the figure's country: it is not counting there
    return name


def _where(number: Token, doc: Doc, context: _ArticleContext) -> str | None:
    """Where the figure is: the place its sentence names, else the story's country."""
    return _where_here(number, doc, context) or context.main_country


def _location(doc: Doc) -> str | None:
    for ent in doc.ents:
        if (
            ent.label_ in ("GPE", "LOC", "FAC")
            and ent.start > 0
            and any(t.lower_ in ("in", "near", "at", "across") for t in doc[max(0, ent.start - 2) : ent.start])
        ):
            return ent.text
    return None
