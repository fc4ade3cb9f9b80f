"""What a number counts (its measure) and which numbers are not claims at all."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from pipeline.extract.countries import _country, tok_is_demonym
from pipeline.extract.draft import _Draft
from pipeline.extract.events import event_counts
from pipeline.extract.lexicon import (
    _ALLOCATE_VERBS,
    _BEAR_LOSS,
    _BUILDING_NOUNS,
    _DAMAGE_VERBS,
    _DEMAND_VERBS,
    _EXCHANGE,
    _GENERIC_MEASURES,
    _INVARIANT_PLURALS,
    _KILL,
    _MEASURE_LEMMAS,
    _MEASURE_SYNONYMS,
    _MILITARY,
    _MONEY_MEASURES,
    _NOT_COUNTED,
    _OFFER_VERBS,
    _PAIR_NOUNS,
    _PEOPLE,
    _PEOPLE_ONLY,
    _PHYSICAL_CUES,
    _PLAIN_MODIFIERS,
    _PRISONER,
    _RETURN,
    _SPEED_UNITS,
    _TALLY_NOUNS,
    _WOUND,
)
from pipeline.extract.numbers import Quantity
from pipeline.extract.places import PLACE_TYPES
from pipeline.extract.subject import _group
from pipeline.extract.syntax import (
    _CUT_VERBS,
    _RAISE_VERBS,
    BE_FORMS,
    _amount_head,
    _bare,
    _counted_noun,
    _doc_lemmas,
    _first_conjunct,
    _lemma,
    _lex,
    _number_phrase,
    _or_pair,
    _total_of,
    _verb_above,
)

_PLAIN_NON_CLAIM = re.compile(
    r"(?i)\s*(?:(?:countries|sides|parties|nations|governments|delegations|leaders|"
    r"neighbou?rs|teams|camps|states)\b|of\b)"
)


_SCOPE_UNITS = (
    r"(?i)\s*(?:other\s+)?(?:states|districts|municipalities|counties|provinces|prefectures|regions|villages|towns|"
    r"cities|countries|local levels|wards|locations|areas)\b"
)
_AGE_AFTER = re.compile(
    r"(?i)\s*(?:years?\s+(?:old|of age)\s+)?(?:or|and)\s+(?:younger|older|under|over|above|below)\b"
)
_AGE_BEFORE = re.compile(r"(?i)\b(?:younger|older)\s+than\s*$|\b(?:under|over)\s+the\s+age\s+of\s*$|\baged?\s*$")
_AGE_RANGE_BEFORE = re.compile(r"(?i)\b(?:people|children|kids|adults|those|ages|patients|residents)\s*$")
# A level the text projects, not one it reports: "the toll would rise to 282", "expected to reach 3 million".
_FORECAST_BEFORE = re.compile(
    r"(?i)\b(?:would|could|might|will|expected to|likely to|projected to|forecast to|set to)\s+(?:\w+\s+)?"
    r"(?:rise|climb|reach|increase|grow|fall|drop|decline|exceed|top|hit|surpass|double)\w*"
    r"(?:\s+(?:to|by|above|below|about|around|some))*\s*$"
)
_EMERGENCY_NUMBERS = {911.0, 999.0, 112.0}


def _guideline_exclusion(text: str, q: Quantity) -> bool:
    """What the annotation rules say is not a figure: vague amounts, ages, rankings, emergency numbers,
    counts that only scope another figure ("houses in seven districts") and forecasts or conditionals."""
    before, after = text[: q.start], text[q.end : q.end + 40]
    if q.vague:
        return True  # "hundreds", "thousands", "dozens": no number to compare
    if q.qualifier == "range" and _AGE_RANGE_BEFORE.search(before):
        return True  # "89 are among people 5 to 17": an age band
    if re.fullmatch(r"\d+0['’]?s", q.text.strip()) or _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return True  # "in his 70s", "17 or younger", "younger than 4"
    if re.search(r"(?i)\bone of the\s*$", before):
        return True  # "one of the three deadliest"
    if q.value in _EMERGENCY_NUMBERS and re.match(r"(?i)\s*(?:calls?|operators?|dispatch)", after):
        return True
    if re.search(r"(?i)\b(?:in|across|from|among)\s+(?:the\s+)?$", before) and re.match(_SCOPE_UNITS, after):
        if re.search(r"\d", before[-80:]) or re.search(
            r"(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand)\b", before[-80:]
        ):
            return True  # "3,770 houses in seven districts": the districts scope the houses
    if re.match(r"(?i)\s*if\b", text) or _FORECAST_BEFORE.search(before):
        return True  # "If they are recognised, the toll would rise to 282": not a claim of what is
    return False


_CONTAINERS = {
    "unit",
    "piece",
    "packet",
    "box",
    "bag",
    "set",
    "kit",
    "tonne",
    "ton",
    "bundle",
    "carton",
    "pack",
    "load",
    "truckload",
    "consignment",
    "lot",
    "bottle",
    "sack",
    "crate",
    "pallet",
    "roll",
}


def _plainly_not_a_claim(text: str, q: Quantity) -> bool:
    """Before parsing: "the two sides", "one of the ...", "list of 3 items", "a 45-year-old" are never figures."""
    word = q.text.lower()
    after = text[q.end : q.end + 16]
    if _guideline_exclusion(text, q):
        return True
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
    if _someones_age(number):
        return True
    if q.value == 2 and q.text.lower() == "two":
        nxt = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
        if nxt is not None and nxt.lower_ in _PAIR_NOUNS:
            return True
    return False


_PERSONAL = {"i", "he", "she", "we", "you", "they"}


def _someones_age(number: Token) -> bool:
    """ "I am 61", "she was 45 when she died": a bare number a person is, their age (the annotation's rule)."""
    if number.dep_ not in ("attr", "acomp") or number.head.lower_ not in BE_FORMS or list(number.children):
        return False
    subjects = [c for c in number.head.children if c.dep_ == "nsubj"]
    return any(s.lower_ in _PERSONAL or s.ent_type_ == "PERSON" for s in subjects)


def _continues(number: Token, previous: _Draft) -> bool:
    noun = _counted_noun(number)
    return previous.q.unit == "count" and (_bare(noun, number) or noun.lower_ in ("others", "more"))


def _listed(number: Token, previous: _Draft) -> bool:
    """A bare number listed after a count of the same sentence: an item of the same list ("81 ..., 71 in Suzu")."""
    return number.dep_ in ("appos", "conj") and previous.seg.doc is number.doc and _continues(number, previous)


def _included(number: Token, previous: _Draft) -> bool:
    """A bare number a count of the same sentence includes ("642 people had been killed ..., including 188 in
    Punjab"): a part of what it counts, whatever verb the parse hangs "including" on."""
    first = _first_conjunct(number)
    cue = first.head if first.dep_ == "pobj" else number.doc[first.i - 1] if first.i else first
    return cue.lower_ in ("including", "among") and previous.seg.doc is number.doc and _continues(number, previous)


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


def _held(noun: Token) -> str | None:
    """What a container holds: "1,000 units of sleeping bags" counts sleeping bags; None for other nouns."""
    if _lemma(noun) not in _CONTAINERS:
        return None
    held = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    if not held:
        return None
    return " ".join(t.lower_ for t in held[0].subtree if t.dep_ not in ("det", "punct"))


_PLACE_NOUNS = frozenset({*PLACE_TYPES, "state", "country", "region", "nation", "prefecture", "ward"})


def _concrete(noun: Token, number: Token, q: Quantity) -> str | None:
    """A counted thing is its own measure, before any lexicon: "3,400 tents", "nine counties", "1,000 units of
    sleeping bags" (what a container holds). People, groups and the lexicon's own words go on to the clause."""
    # "20 aircraft", "40 sheep": English's closed class of nouns whose plural is their singular.
    invariant = noun.tag_ == "NN" and _lemma(noun) in _INVARIANT_PLURALS and q.value > 1
    if noun == number or noun.pos_ != "NOUN" or not (noun.tag_ == "NNS" or invariant) or q.unit != "count":
        return None
    lemma = _lemma(noun)
    if (
        # "91 relief camps" counts camps, "six hospitals" hospitals; "people in camps", "in hospital" people.
        _lex(noun) not in (None, "in shelters", "hospitalized")
        or noun.lower_ in _NOT_COUNTED
        or lemma in _PEOPLE
        or noun.lower_ in _PEOPLE
        or _group([noun]) is not None
        or lemma in _PRISONER
        # "a crush killed more than 150 party-goers": whom a verb of harm takes are people, whatever they are called
        or (noun.dep_ in ("dobj", "nsubjpass") and _lex(noun.head) in ("deaths", "injured", "missing"))
    ):
        return None
    if noun.head.lower_ == "of" and _lex(noun.head.head) is not None and lemma not in _PLACE_NOUNS:
        # "the deaths of two deputies": the deputies are whose deaths, not the measure; but "the highest toll of
        # the 21 counties" counts counties, whatever they suffered.
        return None
    held = _held(noun)
    if held:
        return held
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i and not c.like_num]
    words = [t.lower_ for m in modifiers for t in m.subtree if t.dep_ not in ("det", "punct") and not t.like_num]
    return " ".join([*words, noun.lower_])


def _people_acting(noun: Token, number: Token, q: Quantity, doc: Doc) -> str | None:
    """The people measure of the verb a counted plural noun is the subject of, before the noun counts itself."""
    if noun == number or noun.pos_ != "NOUN" or noun.tag_ != "NNS" or q.unit != "count" or _lex(noun) is not None:
        return None  # "52 reported deaths": a noun that is a measure's own word says it
    if noun.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = noun.head
    if _lemma(noun) in _PEOPLE:
        return None  # "people", "workers": the clause says what they are counted as, as for any count of people
    if noun.dep_ == "dobj" and _lemma(verb) in _BEAR_LOSS and _lemma(noun) in _MILITARY:
        return "casualties"  # "Russia had lost 1,200 troops in the past day": its losses, killed and wounded
    if (
        noun.dep_ == "dobj"
        and _lemma(verb) in ("involve", "include", "draw")
        and any(c.dep_ == "nsubj" and _lex(c) == "workers on strike" for c in verb.children)
    ):
        return "workers on strike"  # "the strike involved 9,200 nurses"
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    # What the verb says happened to them ("were killed", "walked off the job", "went on strike"), not its object
    # ("five doctors examined 26 deaths").
    preps = [c for c in verb.children if c.dep_ == "prep"]
    clause = [
        verb,
        *(c for c in verb.children if c.dep_ in ("acomp", "prt", "oprd")),
        *preps,
        *(g for p in preps for g in p.children if g.dep_ == "pobj"),
    ]
    measure = _special_measure(clause, q, doc) or next((m for t in clause if (m := _lex(t))), None)
    return measure if measure in _PEOPLE_ONLY else None


def _accounted_for(noun: Token, q: Quantity) -> bool:
    """People a search has found: the subject of "have been located" or "have been accounted for", or people
    "accounted for" ("120 people now accounted for"); the predicate says what they are counted as, not a clause
    on them ("2,689 people who were listed as unaccounted have now been located"). Not "exports accounted for 30%"
    (no count of people), nor "unaccounted for" (missing)."""
    if q.unit != "count" or noun.tag_ != "NNS" or _lemma(noun) not in _PEOPLE:
        return False
    verbs = [c for c in noun.children if c.dep_ == "acl"]
    if noun.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(noun.head)
    return any(
        _lemma(verb) == "locate" or (_lemma(verb) == "account" and any(c.lower_ == "for" for c in verb.children))
        for verb in verbs
    )


def _lex_of(tok: Token, q: Quantity) -> str | None:
    """The lexicon's measure for a word, for this quantity: an offer or a demand is of pay or money, not of a count
    ("two steps", "should we receive one"), and time spent is no money ("4,200 people spent the night in
    shelters")."""
    measure = _lex(tok)
    if measure == "casualties" and _lemma(tok) == "loss" and q.unit in ("currency", "percent"):
        return "losses"  # money lost, or a market's: "caused losses of $30 billion", "pared losses to 3.8%"
    if q.unit == "currency" and measure is not None and measure not in _MONEY_MEASURES | {"offer", "demand"}:
        return None  # an amount is no count of people or things: "pay 10,000 lira to each affected family"
    return None if measure in ("offer", "demand", "spending") and q.unit == "count" else measure


# A tally's nouns, and a number set to "the figure of ...".
_TALLIES = _TALLY_NOUNS | {"figure"}


def _tally_of(number: Token) -> list[Token]:
    """ "bringing the number of nurses on strike to 7,500", "put the number of displaced at 88,000": the words of
    what the tally counts, for a number it is set to."""
    if number.dep_ != "pobj" or number.head.lower_ not in ("to", "at") or number.head.head.pos_ not in ("VERB", "AUX"):
        return []
    verb = number.head.head
    for tally in (c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and _lemma(c) in _TALLIES):
        for prep in (c for c in tally.children if c.dep_ == "prep" and c.lower_ == "of"):
            return [t for t in prep.subtree if t != prep]
    return []


def bare_tally(number: Token) -> bool:
    """ "local media put the figure at 15", "the total rose to 40": a number set to a tally that says nothing of
    what it counts, so the figure before it does."""
    if number.dep_ != "pobj" or number.head.lower_ not in ("to", "at") or number.head.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = number.head.head
    return any(
        c.dep_ in ("dobj", "nsubj", "nsubjpass")
        and _lemma(c) in _TALLIES
        and not any(p.dep_ == "prep" and p.lower_ == "of" for p in c.children)
        for c in verb.children
    )


def _near_tokens(noun: Token) -> list[Token]:
    """The words around the counted noun that may say what it counts: its modifiers, its clause's verb and
    that verb's arguments, nearest first."""
    near: list[Token] = [noun]
    # "7,500 across six hospitals": where the count is spread says where, not what it counts; "fell to 612,000, with
    # sales in China down 17%": a bare number's "with" phrase is a statement of its own.
    aside = {"across", "with"} if noun.like_num else {"across"}
    near.extend(
        c for c in noun.children if c.dep_ in ("compound", "amod", "acl", "relcl", "prep") and c.lower_ not in aside
    )
    for c in list(noun.children):
        if c.dep_ == "prep" and c.lower_ not in aside:
            near.extend(g for g in c.children if g.dep_ == "pobj")
            for g in c.children:
                near.extend(h for h in g.children if h.dep_ in ("acl", "relcl", "amod", "compound"))
        if c.dep_ in ("acl", "relcl"):
            near.extend(g for g in c.children if g.dep_ == "conj")
    head = noun.head
    total = _total_of(noun)
    if total is not None:
        near.append(total)
        noun, head = total, total.head  # "a total of 9,199 people are living at ...": the total's clause
    near.append(head)
    if head.dep_ in ("prep", "agent") or head.pos_ == "ADP":
        near.append(head.head)
        for c in head.head.children:
            if c.dep_ in ("dobj", "nsubj", "nsubjpass"):
                near.extend(c.subtree)
    if head.pos_ in ("VERB", "AUX"):
        for c in head.children:
            if _attribution_phrase(c):
                continue  # "as per the figures released by the government": who counts, not what
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "oprd", "acomp", "attr", "prep") and c != noun:
                near.append(c)
                near.extend(g for g in c.subtree)
        near.extend(c for c in head.children if c.dep_ in ("conj", "xcomp", "advcl"))
        near.extend(g for c in head.children if c.dep_ == "conj" for g in c.children if g.dep_ == "cc")
        near.append(head.head)
    return near


def _attribution_phrase(tok: Token) -> bool:
    """ "according to ...", "as per ...": a phrase naming the source, whose words say nothing of what is counted."""
    return tok.dep_ == "prep" and (
        tok.lower_ == "according" or (tok.lower_ == "as" and any(c.lower_ == "per" for c in tok.children))
    )


def _without_power(near: list[Token]) -> bool:
    """ "1.2 million people lost power", "households without electricity", "33,300 households were out of power";
    not another power a modifier names ("lost 9% of their purchasing power")."""
    power = any(
        _lemma(t) in ("power", "electricity")
        and not any(c.dep_ in ("compound", "amod") and c.lower_ not in ("electric", "electrical") for c in t.children)
        for t in near
    )
    if power and any(_lemma(t) in ("power", "electricity") and any(c.lower_ == "no" for c in t.children) for t in near):
        return True  # "310,000 customers had no electricity"
    return power and any(_lemma(t) in ("lose", "without", "out") for t in near)


def _without_water(near: list[Token]) -> bool:
    """ "380,000 residents without running water", "250,000 residents have no running water" (not "water dropping
    aircraft")."""
    return any(
        (t.lower_ == "without" and any(_lemma(g) == "water" and g.dep_ == "pobj" for g in t.children))
        or (_lemma(t) == "water" and any(c.lower_ == "no" for c in t.children))  # "still have no running water"
        for t in near
    )


# Places a number of people lives in: "the town of 3,000 people", "a city of 1.2 million".
_SETTLEMENTS = {
    *("town", "city", "village", "hamlet", "community", "country", "nation", "island", "district", "municipality"),
    *("neighbourhood", "neighborhood", "region", "province", "state", "county", "suburb", "settlement"),
}


def _population(near: list[Token]) -> bool:
    """ "Amatrice, the town of 3,000 people", "a city of 1.2 million": how many live there, not a count of the
    event's."""
    return any(
        t.lower_ == "of"
        and t.dep_ == "prep"
        and _lemma(t.head) in _SETTLEMENTS
        and t.head.i < t.i
        and any(
            c.dep_ == "pobj" and (c.like_num or _lemma(c) in ("people", "resident", "inhabitant", "person"))
            for c in t.children
        )
        for t in near
    )


_SHELTER_PLACES = {"center", "centre", "facility", "site", "shelter", "hall", "camp"}
# Where people who left their homes spend the night.
_REFUGES = _SHELTER_PLACES | {"school", "gym", "gymnasium", "stadium", "church", "mosque", "temple", "tent"}


def _fatally(tok: Token) -> bool:
    """ "fatally wounded", "mortally injured": wounds that killed."""
    return any(c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally") for c in tok.children)


def _dead_and_missing(near: list[Token]) -> bool:
    """One number for the dead and the missing together: "329 people have been killed or gone missing", "329 dead
    and missing" (not "55 deaths and 2 missing", where each has its own number)."""
    for a in near:
        if not (_lemma(a) in _KILL or a.lower_ in ("dead", "killed")):
            continue
        for b in (c for c in a.children if c.dep_ == "conj"):
            gone = b.lower_ == "missing" or any(
                g.lower_ == "missing" for g in b.children if g.dep_ in ("acomp", "oprd", "xcomp", "attr")
            )
            if gone and not any(t.like_num for t in b.subtree):
                return True
    return False


def _special_measure(near: list[Token], q: Quantity, doc: Doc) -> str | None:
    """Measures that take two words together: casualties (killed and wounded), prisoners exchanged, shares."""
    doc_lemmas = _doc_lemmas(doc)
    if q.kind == "fraction" and q.change and doc_lemmas & _KILL and doc_lemmas & _WOUND:
        # "killed 2,514 and injured 12,142, a third more than ...": the change is in the casualties together.
        return "casualties"
    if _or_pair(near, _KILL, _WOUND) or _or_pair(near, _WOUND, _KILL):
        return "casualties"
    if _or_pair(near, _KILL, {"missing"}) or _dead_and_missing(near):
        return "dead or missing"
    captives = bool(doc_lemmas & {"prisoner", "pow", "captive", "body", "detainee", "hostage"})
    if captives and (
        any(_lemma(t) in _EXCHANGE for t in near)
        or (bool(doc_lemmas & _EXCHANGE) and any(_lemma(t) in ("prisoner", "pow") for t in near))
    ):
        return "prisoners exchanged"
    if q.unit == "percent":
        special = _percent_measure(near, doc)
        if special:
            return special
    lemmas = {_lemma(t) for t in near}
    if _without_power(near):
        return "without power"
    # The lemmatizer takes "lay" for a form of "lie": the word itself says it.
    laying = "lay" in lemmas or any(t.lower_ in ("lay", "lays", "laying", "laid") for t in near)
    if "layoff" in lemmas or (laying and any(t.lower_ == "off" for t in near for t in t.children)):
        return "laid off"  # "laid off 330 workers", "12,000 layoffs"
    if "walk" in lemmas and any(
        (t.lower_ == "out" or (t.lower_ == "off" and any(_lemma(j) == "job" for j in t.subtree)))
        and _lemma(t.head) == "walk"
        for t in near
        for t in t.children
    ):
        return "workers on strike"  # "13,000 workers walked out", "4,000 nurses walked off the job"
    if "alive" in lemmas and lemmas & {"pull", "dig", "bring", "find", "take", "extract", "get"}:
        return "rescued"  # "212 people pulled out alive", "found alive under the rubble"
    if "home" in lemmas and (
        lemmas & {"force", "flee", "evacuate", "leave", "drive"}
        or any(t.lower_ == "out" and any(_lemma(g) == "home" for g in t.subtree) for t in near)
    ):
        return "displaced"  # "88,000 people have been forced from their homes", "driven from", "out of their homes"
    if "safety" in lemmas and any(t.lower_ == "to" and any(_lemma(g) == "safety" for g in t.children) for t in near):
        return "rescued"  # "rescuers pulled more than 41,000 people to safety"
    if _without_water(near):
        return "without water"
    if any(
        _lemma(t) in _SHELTER_PLACES
        and (
            any(c.dep_ == "compound" and _lemma(c) in ("evacuation", "relief") for c in t.children)
            or (_lemma(t) == "shelter" and t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "into"))
        )
        for t in near
    ):
        return "in shelters"  # "9,199 people are living at evacuation facilities", "in relief centres"
    if any(_lemma(t) in ("spend", "sleep", "stay") for t in near) and any(
        t.dep_ in ("pobj", "conj") and _lemma(t) in _REFUGES and any(a.lower_ in ("in", "at") for a in t.ancestors)
        for t in near
    ):
        return "in shelters"  # "1,200 residents spent the night in sports halls and schools"
    near_lemmas = {_lemma(t) for t in near}
    if "discharge" in near_lemmas or any(
        _lemma(t) in ("release", "recover") and any(_lemma(h) == "hospital" for h in t.subtree) for t in near
    ):
        return "discharged"  # "93 people have recovered and been released from hospital"
    # The verb of return must take the count ("95 prisoners were released"), not be a clause beside it ("recorded
    # 2,700 cases of heat exhaustion, but it has not released any statistics").
    returned = {_lemma(t) for t in near if _lemma(t) in _RETURN and any(n.like_num for n in t.subtree)}
    if returned == {"bring"} and not near_lemmas & {"home", "back"}:
        returned = set()  # "bringing the number rescued to 11" is a tally, not a return
    if near_lemmas & {"work", "job"}:
        returned = set()  # "the 33,000 workers it represents can return to work": a strike's end
    if returned and any(_lemma(t) in _PRISONER or _lemma(t) in _PEOPLE or tok_is_demonym(t) for t in near):
        return "prisoners returned"
    return None


def _fallback_measure(noun: Token, number: Token, q: Quantity, doc: Doc) -> tuple[str, bool]:
    """No word of the clause says: the nearest lexicon word, a unit's generic measure, else the counted noun."""
    # Fallback: the nearest lexicon word in the same sentence, within a few tokens.
    best: tuple[int, str] | None = None
    # A plural noun the number counts ("200 soldiers") is not what a word of another phrase says of others ("searching
    # for the missing with the help of 200 soldiers"): only words over it, or in its own phrase, say what it counts.
    own = noun != number and noun.pos_ == "NOUN" and noun.tag_ == "NNS" and q.unit == "count"
    over = {number.i, *(t.i for t in noun.subtree), *(t.i for t in number.ancestors)} if own else set()
    verb = _verb_above(number) if own else None
    if verb is not None:
        # and what the clause's verb says of them: "15 people were believed to be still trapped"
        over.update(t.i for c in verb.children if c.dep_ in ("xcomp", "acomp", "oprd", "attr") for t in c.subtree)
    for tok in doc:
        if own and tok.i not in over:
            continue
        measure = _lex_of(tok, q)
        if tok.dep_ in ("compound", "amod") and _lemma(tok.head) in _SOURCE_HEADS:
            continue  # "Revenue officials said": the name of who speaks, not what is counted
        if measure and measure not in ("price",):
            distance = abs(tok.i - number.i)
            if distance <= 8 and (best is None or distance < best[0]):
                best = (distance, measure)
    if best is not None:
        return best[1], True
    if q.unit == "currency":
        return "amount", False
    if q.unit == "percent":
        share = _share_of(number)
        return (share, True) if share else ("share", False)
    if (
        noun != number
        and noun.pos_ == "NOUN"
        and noun.tag_ == "NNS"
        and noun.lower_ not in _NOT_COUNTED
        and q.unit == "count"
    ):
        # "3,400 tents", "112 aftershocks": a plural counted noun is its own measure; "1,000 units of sleeping
        # bags": a container's measure is what it holds.
        return _held(noun) or noun.lower_, True
    return (noun.lemma_.lower() if noun != number and noun.pos_ in ("NOUN", "PROPN") else "count"), False


_SOURCE_HEADS = {"official", "minister", "ministry", "department", "spokesman", "spokeswoman", "secretary", "office"}
_HEDGES = {"estimated", "expected", "projected", "reported", "forecast", "planned", "proposed"}


_CUT_OR_RAISE = _CUT_VERBS | _RAISE_VERBS | {"increase"}


def _money_noun(number: Token) -> Token | None:
    """What an amount of money is, from the syntax: "a ransom of $50m", "a dividend of €1.20", "net liquidity stood
    at €24 billion", "put its lost revenue at $3.2 billion", "the fee was €95m", "€95m, the club's record fee"."""
    top = _amount_head(number)
    head = top.head
    candidate: Token | None = None
    if top.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        candidate = head.head  # "a ransom of $50m"
    elif top.dep_ == "pobj" and head.lower_ in ("at", "to") and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head  # "revenue rose to $3bn", "stood at", "put its revenue at", "estimated the cost at"
        args = [c for c in verb.children if c.dep_ == "dobj"] or [c for c in verb.children if c.dep_ == "nsubj"]
        candidate = args[0] if args else None
    elif top.dep_ == "pobj" and head.lower_ == "by" and head.head.pos_ == "VERB" and _lemma(head.head) in _CUT_OR_RAISE:
        # "the strike had cut its profit by $200 million": what the change is in (a change, see `_difference`).
        candidate = next((c for c in head.head.children if c.dep_ == "dobj"), None)
    elif top.dep_ == "attr" and head.pos_ == "AUX":
        candidate = next((c for c in head.children if c.dep_ == "nsubj"), None)  # "the fee was €95m"
    elif top.dep_ == "appos" and head.pos_ == "NOUN":
        candidate = head  # "its biggest fee, €95m"
    elif top.dep_ == "appos":
        candidate = next((c for c in top.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
    if candidate is None:
        # "cost it 3 billion euros in lost revenue", "$40 million in damages": the amount's own "in" phrase.
        candidate = next(
            (g for c in top.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"),
            None,
        )
    if candidate is None or candidate.pos_ != "NOUN" or candidate.like_num:
        return None
    if candidate.ent_type_ in ("MONEY", "PERCENT"):
        return None
    doc = candidate.doc
    if (
        candidate.i >= 2
        and doc[candidate.i - 1].lower_ in ("after", "before", "excluding")
        and _lex(doc[candidate.i - 2]) in _MONEY_MEASURES
    ):
        return doc[candidate.i - 2]  # "a profit after tax of €867m", "earnings before interest of $2bn"
    return candidate


def _money_measure(number: Token) -> str | None:
    """An amount's measure: the lexicon's name for its noun ("sales" -> revenue), else the noun as written with
    its modifiers ("net liquidity", "condolence aid"); None when the syntax names no noun."""
    noun = _money_noun(number)
    if noun is None:
        return None
    if _lemma(noun) in ("share", "stock"):
        return "share price"  # "shares slumped 11% to 4.82 euros"
    lexical = _lex(noun)
    if lexical is not None and lexical not in _MONEY_MEASURES:
        return None  # a count's word ("deaths") is not what an amount is
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
    if lexical is not None:
        # "sales" and "revenue" are one series, but "lost revenue" is another.
        lost = [c.lower_ for c in modifiers if c.tag_ in ("VBN", "VBD") and c.lower_ not in _HEDGES]
        return " ".join([*lost, lexical])
    words = [
        t.lower_
        for c in modifiers
        for t in c.subtree
        if not (t.like_num or t.is_punct or t.dep_ in ("det", "poss", "nummod", "quantmod") or t.ent_type_ == "MONEY")
    ]
    return " ".join([*words, noun.lemma_.lower()])


_PERCENT_WORDS = {"%", "percent", "cent", "per", "pct", "percentage", "points", "point"}
_CHANGE_NOUNS = {"rise", "fall", "increase", "decrease", "drop", "decline", "jump", "gain", "cut", "growth", "hike"}


def _percent_noun_measure(number: Token) -> str | None:
    """What a percentage modifies, from the syntax: "a 7.5% pay rise", "a 25% tariff", "a 40% stake"; None for a bare
    change ("a 3% rise in sales" says what rose in its complement, which the clause reads)."""
    noun = _counted_noun(number)
    if noun == number or noun.pos_ != "NOUN" or noun.like_num or noun.lower_ in _PERCENT_WORDS:
        return None  # "20 per cent of Ukraine's territory": the unit, not what it is a share of
    modifiers = [
        c
        for c in noun.children
        if c.dep_ == "compound" and c.i < noun.i and c.pos_ == "NOUN" and c.lower_ not in _PERCENT_WORDS
    ]
    if not modifiers and _lemma(noun) in _CHANGE_NOUNS:
        return None
    lexical = _lex(noun)
    if lexical is not None and not modifiers:
        return lexical
    named = " ".join([*(m.lower_ for m in modifiers), noun.lemma_.lower()])
    return _MEASURE_SYNONYMS.get(named, named)


def _share_of(number: Token) -> str | None:
    """ "about 6% of its global workforce": a share of what the "of" names, when the clause names no measure."""
    noun = _counted_noun(number)
    unit = noun if noun.lower_ in _PERCENT_WORDS else next((t for t in number.rights if t.text == "%"), number)
    whole = [g for c in unit.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    whole = [g for g in whole if g.dep_ == "pobj" and g.pos_ == "NOUN"]
    if not whole:
        return None
    # with its compound or participle: "9% of their purchasing power" is no share of power
    kind = [c.lower_ for c in whole[0].children if c.i < whole[0].i and (c.dep_ == "compound" or c.tag_ == "VBG")]
    return " ".join(["share of", *kind, whole[0].lemma_.lower()])


def _spent_on(number: Token) -> str | None:
    """What an amount is allocated to: "allocates 702 billion shillings to education, and 138 billion to health",
    "will spend 1.1 trillion shillings on debt service", "set aside 500 billion naira for roads". Each purpose is
    a series of its own; without it every line of a budget would be one key."""
    money = _counted_noun(number)
    verb = money
    while verb.dep_ in ("conj", "appos") and verb.head != verb:
        verb = verb.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb and verb.dep_ in ("dobj", "conj", "appos"):
        verb = verb.head
    aside = _lemma(verb) == "set" and any(c.lower_ == "aside" for c in verb.children)
    if verb.pos_ not in ("VERB", "AUX") or not (_lemma(verb) in _ALLOCATE_VERBS or aside):
        return None
    for holder in (money, verb):
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in ("to", "for", "on")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if pobj.pos_ != "NOUN" or any(t.like_num for t in pobj.subtree):
                    continue
                words = [c for c in pobj.children if c.dep_ in ("compound", "amod") and c.i < pobj.i]
                return " ".join([*(w.lower_ for w in words), pobj.lower_])
        if holder is money and money.dep_ == "conj":
            break  # a later item of a list names its own purpose, or none: not the first item's
    return None


def _negotiated(number: Token) -> str | None:
    """ "offered a 5% raise", "raised its offer to 12%": offered; "demanding a 25% pay rise", "lowered its demand to
    20%": demanded. One side's figure in a negotiation is a series apart from the other side's."""
    for anc in list(number.ancestors)[:5]:
        words = [anc, *(c for c in anc.children if c.dep_ in ("dobj", "nsubj", "nsubjpass"))]
        lemmas = {_lemma(t) for t in words}
        if lemmas & _OFFER_VERBS:
            return "offered"
        if lemmas & _DEMAND_VERBS:
            return "demanded"
        if anc.pos_ in ("VERB", "AUX") and anc.dep_ not in ("xcomp", "advcl", "acl", "relcl"):
            break
    return None


def _moved_from(number: Token) -> Token | None:
    """ "reduced from 150 to 131": the number the value moved from, which counts what the new one counts."""
    if number.dep_ == "nummod" and not number.head.like_num:
        number = number.head  # "4%": the percent sign is what the preposition takes
    to = number.head
    if number.dep_ == "pobj" and to.lower_ == "of" and to.head.dep_ == "pobj" and to.head.head.lower_ == "to":
        to = to.head.head  # "from 3.5% to a 14-year high of 4%": the level it reached is the new value
    if number.dep_ != "pobj" or to.lower_ != "to" or to.head.lower_ != "from":
        return None
    old = next((c for c in to.head.children if c.dep_ == "pobj"), None)
    if old is not None and not old.like_num:  # "from 3.5%": the number of the percent
        old = next((c for c in old.children if c.dep_ == "nummod" and c.like_num), None)
    return old if old is not None and old.like_num else None


def _measure(number: Token, q: Quantity, doc: Doc) -> tuple[str, bool]:
    """The normalised measure for the number and whether the lexicon gave it (else a head-noun lemma)."""
    verb = next((t for t in number.ancestors if t.pos_ in ("VERB", "AUX", "ADJ")), None)
    if verb is not None and _lemma(verb) in _WOUND | {"shoot"} and _fatally(verb):
        return "deaths", True  # "58 people have been fatally wounded", "were fatally shot"
    measure, lexical = _measure_of(_moved_from(number) or number, q, doc)
    if q.unit == "currency":
        purpose = _spent_on(number)
        if purpose:
            return f"spending on {purpose}", True
    if q.unit in ("percent", "currency"):
        role = _negotiated(number)
        base = measure.split(" (")[0]
        if role and q.unit == "percent" and base in ("offer", "demand", "increase", "rise", "pay rise", "count"):
            return f"pay rise {role}", True  # "offered a 5% raise", "raised its offer to 12%"
        if role and base in ("offer", "demand", "amount"):
            return f"amount {role}", True
    return measure, lexical


# Animals a disaster kills or sweeps away: their losses are no deaths of people.
_ANIMALS = {
    "livestock", "cattle", "animal", "goat", "sheep", "cow", "buffalo", "buffaloe", "poultry", "chicken", "bird",
    "pig", "horse", "camel", "donkey", "ox", "calf", "lamb", "hen", "duck", "yak",
}  # fmt: skip
_LOST = {"deaths", "casualties", "missing", "dead or missing"}


def _animals_lost(noun: Token, near: list[Token]) -> str | None:
    """ "14,300 cattle, goats and other livestock had perished", "9,870 head of livestock had been lost": livestock
    lost, not deaths (a count of animals shares no key with the people a disaster killed)."""
    herd = noun
    if _lemma(noun) == "head":  # "9,870 head of livestock"
        herd = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children), noun)
    if _lemma(herd) not in _ANIMALS and herd.lower_ not in _ANIMALS:
        return None
    lost = any(_lemma(t) in ("lose", "drown", "sweep", "wash") or _lex(t) in _LOST for t in near)
    return "livestock lost" if lost else None


def _building_word(noun: Token) -> str:
    """One series whatever the copy calls a dwelling: "houses", "homes", "dwellings" are houses."""
    return "houses" if _lemma(noun) in ("house", "home", "dwelling") else noun.lower_


def _elided_noun(noun: Token) -> Token | None:
    """ "destroyed 2,000 homes and damaged 5,000 more": what "more" (or "others") counts, the object of the verb
    its own verb is joined to."""
    if noun.lower_ not in ("more", "others") or noun.head.pos_ != "VERB" or noun.head.dep_ != "conj":
        return None
    return next((c for c in noun.head.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)


def _measure_of(number: Token, q: Quantity, doc: Doc) -> tuple[str, bool]:
    """The measure as the syntax and the lexicon give it, before the side of a negotiation is added."""
    if q.unit == "temperature":
        return "temperature", True
    noun = _counted_noun(number)
    elided = _elided_noun(noun)
    if elided is not None:
        done = _DAMAGE_VERBS.get(_lemma(noun.head))
        if _lemma(elided) in _BUILDING_NOUNS and done:
            return f"{_building_word(elided)} {done}", True  # "destroyed 2,000 homes and damaged 5,000 more"
        if _lex(noun.head):
            return _lex(noun.head) or "count", True  # "killed 59 people and injured 40 more"
    if any(t.lower_ == "magnitude" for t in doc[max(0, number.i - 2) : number.i]) or (
        number.i + 1 < len(doc) and doc[number.i + 1].lower_ == "magnitude"
    ):
        return "magnitude", True
    physical = _physical(number, q, doc)
    if physical:
        return physical, True
    if q.unit == "currency":
        money = _money_measure(number)
        if money:
            return money, True
    if q.unit == "percent":
        share = _percent_noun_measure(number)
        if share:
            return share, True
    near = _tally_of(number) + _near_tokens(noun)
    lemmas = {_lemma(t) for t in near}
    if _dead_and_missing(near):
        return "dead or missing", True  # before "dead" alone gives the toll: "329 dead and missing"
    if _population(near):
        return "population", True
    if _without_power(near):
        return "without power", True  # before the counted noun: households without power are not a count of homes
    animals = _animals_lost(noun, near)
    if animals:
        return animals, True
    if _accounted_for(noun, q):
        return "accounted for", True
    acted = _people_acting(noun, number, q, doc)
    if acted:
        return acted, True
    concrete = _concrete(noun, number, q)
    if concrete:
        return concrete, True
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if after is not None and noun == number and after.lower_ in ("still", "now", "remain", "remained", "were"):
        # "12 dead, nine still trapped": the participle after the adverb or the copula
        following = doc[after.i + 1] if after.i + 1 < len(doc) else None
        if following is not None and following.tag_ in ("VBN", "JJ") and _lex(following):
            return _lex(following) or "count", True
    if after is not None and noun == number and after.lower_ in ("missing", "dead", "injured", "hurt"):
        return _lex(after) or "count", True  # a headline's "kills 7, 13 missing": the word after the number
    if after is not None and noun != number and after.tag_ in ("VBN", "VBD", "JJ") and _lex_of(after, q):
        # "132 people injured": the participle after the noun is what it counts; "380,000 troops killed or
        # wounded": the two words together.
        pair = list(doc[after.i : after.i + 3])
        both = _special_measure(pair, q, doc) if len(pair) == 3 and pair[1].lower_ in ("or", "and") else None
        return both or _lex_of(after, q) or "count", True
    special = _special_measure(near, q, doc)
    if special:
        return special, True
    for tok in near:
        measure = _lex_of(tok, q)
        if measure and not (measure == "deaths" and _lemma(tok) == "life" and "lose" not in lemmas):
            return measure, True
    if _bare(noun, number):
        for tok in _number_phrase(number):
            measure = _lex_of(tok, q)
            if measure:
                return measure, True
    moved = _moved_to(number, q)
    if moved is not None:
        return moved, True  # the syntax names it, as a counted noun does
    return _fallback_measure(noun, number, q, doc)


_BRINGS = {"bring", "push", "take", "raise", "lift"}  # "bringing the number of strikers to 45,000"


def _moved_to(number: Token, q: Quantity) -> str | None:
    """ "Deliveries fell by 38,000 vehicles to 612,000": a bare count a verb moves to (or stands at) is a level of
    what the verb's subject names, when no word of the lexicon says it (not a word nearby of another phrase)."""
    if q.unit != "count" or not number.like_num or number.dep_ != "pobj" or number.head.lower_ not in ("to", "at"):
        return None
    verb = number.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects and _lemma(verb) not in _BRINGS:
        return None  # "local media put the figure at 15": the object is what is set, the subject who sets it
    if number.head.lower_ == "at" and _lemma(verb) != "stand":
        return None
    # "bringing the number of strikers to 45,000": what the verb brings there; else what moves there itself
    subject = objects[0] if objects else next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and _lemma(subject) in ("number", "count", "total"):
        # "the number of strikers rose to 45,000": the number of what
        subject = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children), None)
    if subject is None or subject.pos_ != "NOUN" or _lemma(subject) in _TALLIES | _GENERIC_MEASURES:
        return None
    return subject.lemma_.lower() if subject.tag_ == "NN" else subject.lower_


def measure_label(measure: str, unit: str, currency: str | None) -> str:
    """The measure with the unit it is stated in: "transfer fee (GBP)", "growth (percent)", "deaths".

    An amount in euros, the same amount in dollars and a percentage of it are three series, never one to
    compare; and a reader of the table sees what the number is in. A generic measure ("amount") stays as it
    is: it says nothing of what is counted, so its figure is never compared anyway.
    """
    suffix = currency if unit == "currency" and currency else "percent" if unit == "percent" else None
    if suffix is None or measure in _GENERIC_MEASURES or measure.endswith(f"({suffix})"):
        return measure
    return f"{measure} ({suffix})"


_DEGREES = {
    "partially": "partially",
    "partial": "partially",
    "partly": "partially",
    "completely": "completely",
    "complete": "completely",
    "fully": "fully",
    "full": "fully",
}


# How badly people were hurt: "severely injured", "critical injuries", "minor injuries" are series of their own.
_SEVERE = {"severely", "seriously", "critically", "gravely", "badly", "severe", "serious", "critical", "grave"}
_SLIGHT = {"slightly", "lightly", "minor", "slight", "light"}


def _in_condition(noun: Token) -> bool:
    """Whether the counted people are in a serious or critical condition: "33 others remain in serious condition",
    "29 people in critical condition" (the injured worst hurt now, whatever noun counts them)."""
    holders = [noun]
    if noun.dep_ in ("nsubj", "nsubjpass") and (
        noun.head.lower_ in BE_FORMS or _lemma(noun.head) in ("remain", "stay", "lie")
    ):
        holders.append(noun.head)  # not "71 were undergoing treatment, 12 of them in a critical condition"
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "in"):
            for obj in (g for g in prep.children if g.dep_ == "pobj" and _lemma(g) == "condition"):
                if any(m.lower_ in _SEVERE for m in obj.children if m.dep_ in ("amod", "compound")):
                    return True
    return False


def _severity(measure: str, number: Token, noun: Token) -> str | None:
    """ "seriously" or "slightly" when the words that give an injury count say how bad the injuries are."""
    if measure != "injured":
        return None
    verb = _verb_above(number)
    # "A total of 116 others sustained minor injuries": the verb's object says how bad.
    objects = [c for c in verb.children if c.dep_ == "dobj"] if verb is not None else []
    givers = [
        t
        for t in {number.head, noun, noun.head, *noun.children, *number.head.children, *objects}
        if _lex(t) == "injured"
    ]
    for giver in givers:
        for c in giver.children:
            if c.dep_ in ("advmod", "amod") and c.i < giver.i and c.lower_ in _SEVERE | _SLIGHT:
                return "seriously" if c.lower_ in _SEVERE else "slightly"
    return None


# Verbs of review: "examined 26 deaths", "is investigating three deaths" count what is being looked into.
_REVIEW_VERBS = {"examine", "review", "investigate", "probe", "assess", "audit", "verify"}
_REVIEWABLE = {"deaths", "cases", "injured", "casualties"}


def _reviewed(noun: Token) -> str | None:
    """ "under review" when the counted noun is the object of a verb of review."""
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB" and _lemma(noun.head) in _REVIEW_VERBS:
        return "under review"
    return None


def _including_whole(number: Token) -> Token | None:
    """The noun a part is included in: "examined 26 deaths, including three in Nanao and 23 in Wajima"."""
    tok = _first_conjunct(number)
    if tok.dep_ == "pobj" and tok.head.lower_ in ("including", "among") and tok.head.head.pos_ == "NOUN":
        return tok.head.head
    return None


# What is done with the bodies of the dead once found: a count of those, not a toll.
_BODY_STATES = {
    "unidentified": "unidentified", "identified": "identified", "unclaimed": "unclaimed", "claimed": "claimed",
    "hand": "handed over", "release": "released", "return": "handed over", "cremate": "cremated", "bury": "buried",
}  # fmt: skip


def _bodies_handled(noun: Token) -> str | None:
    """ "23 bodies remain unidentified", "34 bodies have been handed over to families", "unidentified bodies":
    what the clause says was done with the bodies counted."""
    if _lemma(noun) != "body":
        return None
    words = [c for c in noun.children if c.dep_ == "amod"]
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        verb = noun.head
        words += [verb, *(c for c in verb.children if c.dep_ in ("acomp", "oprd", "xcomp"))]
    for word in words:
        state = _BODY_STATES.get(word.lower_) or _BODY_STATES.get(_lemma(word))
        if state:
            return state
    return None


def _core_measure(number: Token) -> bool:
    """Whether the measure word of the number's clause is qualified as core ("core inflation", "underlying")."""
    verb = _verb_above(number)
    words = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb is not None else []
    words += [t for t in number.ancestors if t.pos_ == "NOUN"][:2]
    return any(c.lower_ in ("core", "underlying") for w in words for c in w.children if c.dep_ in ("amod", "compound"))


# Words that say a story's victims are its dead.
_DEATH_CUE = re.compile(r"(?i)\b(?:funerals?|buried|burials?|mourn\w*|killed|died|dead|deaths?|death toll|lives)\b")


def _refined(measure: str, number: Token) -> str:
    """The measure with what the syntax adds to it: "post-disaster deaths", "houses partially damaged".

    A counted noun's own modifiers ("indirect deaths") make another series; so does what happened to a building
    ("932 houses have been completely destroyed" against "2,838 houses have sustained partial damage").
    """
    noun = _counted_noun(number)
    if measure == "inflation" and _core_measure(number):
        return "core inflation"  # "core inflation eased to 2.8%": prices without food and energy, another index
    if measure == "victims" and _DEATH_CUE.search(number.sent.text):
        return "deaths"  # "funerals were held for some of the 291 victims": the dead
    handled = _bodies_handled(noun) if measure == "deaths" else None
    if handled:
        return f"bodies {handled}"  # "23 bodies remain unidentified": a count of the dead, not the toll
    if measure not in ("deaths", "missing", "evacuated") and _in_condition(noun):
        # "33 others remain in serious condition" beside "116 others sustained injuries": those still in danger, a
        # level that falls as they recover (or die), not the running count of the seriously injured
        return "injured in serious condition"
    severity = _severity(measure, number, noun)
    if severity:
        return f"{severity} {measure}"  # "16 people were severely injured" beside "565 injured": another series
    whole = _including_whole(number)
    reviewed = _reviewed(noun) or (_reviewed(whole) if whole is not None else None)
    if reviewed and measure in _REVIEWABLE:
        return f"{measure} {reviewed}"  # "the panel examined 26 deaths": what is under review, not the toll
    if noun == number or noun.pos_ != "NOUN":
        return measure
    lemma = _lemma(noun)
    if lemma in _BUILDING_NOUNS:
        anchor = _total_of(noun) or noun  # "a total of 3,770 houses ... have been affected": the total's verb
        words = [noun] + list(anchor.head.subtree if anchor.head != anchor else []) + list(noun.subtree)
        for tok in words:
            done = _DAMAGE_VERBS.get(_lemma(tok))
            if done:
                degrees = [t for t in words if t.lower_ in _DEGREES]
                # The nearest: "1987 houses were completely damaged and 4.374 houses were partly damaged".
                nearest = min(degrees, key=lambda t: (abs(t.i - noun.i), t.i), default=None)
                degree = _DEGREES[nearest.lower_] if nearest is not None else None
                return f"{_building_word(noun)} {degree + ' ' if degree else ''}{done}"
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
        and not event_counts(c.text)  # "measles cases" are the outbreak's cases: the event is not another series
        and _lex(c) is None
        and _group([c]) is None
        and _country(c) is None
    ]
    if not mods:
        return measure
    # As written ("post-disaster", not "post - disaster"): the modifiers' words from the first to the last.
    spread = [t.i for m in mods for t in m.subtree]
    prefix = noun.doc[min(spread) : max(spread) + 1].text.lower()
    return f"{prefix} {measure}"


_TIME_UNITS = {"hour", "day", "week", "month", "year"}
_PER_TIME_WORDS = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "annually": "year"}
_EACH = {"a", "an", "each", "every", "per"}


def per_time(number: Token) -> str | None:
    """The time unit of a count given as a rate: "20 million passengers a day", "300 cars per week", "5,000 flights
    daily", "every year 1,200 people die" (day, week, day, year); None for a count of its own ("a day earlier")."""
    noun = _counted_noun(number)
    heads = [noun, number] if noun != number else [number]
    verb = _verb_above(number)
    if verb is not None:
        heads.append(verb)
    for head in heads:
        for child in head.children:
            if child.dep_ == "advmod" and child.lower_ in _PER_TIME_WORDS:
                return _PER_TIME_WORDS[child.lower_]
            if child.dep_ == "npadvmod" and _lemma(child) in _TIME_UNITS:
                if any(d.lower_ in _EACH for d in child.children if d.dep_ == "det") and not list(child.rights):
                    return _lemma(child)
            if child.dep_ == "prep" and child.lower_ == "per":
                unit = next((g for g in child.children if g.dep_ == "pobj"), None)
                if unit is not None and _lemma(unit) in _TIME_UNITS:
                    return _lemma(unit)
    return None


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


# "Drowning: 20": a sentence that is a short label and one number.
_LIST_ITEM = re.compile(r"^\s*([A-Z][^:\n]{0,60}?)\s*:\s*[\d,.]+\s*$")
_LEAD_WORD = re.compile(r"[A-Za-z]+")


def _colon_lists(texts: list[str]) -> dict[int, tuple[str, str]]:
    """The list items among the sentences, by index: (the measure its lead-in names, the item's label).

    "It also broke down the official causes of deaths thus far:" then "Motor vehicle drownings: 4", "Drowning:
    20": each item counts what the lead-in names (deaths), of the kind its label says. A lead-in is a sentence
    ending in a colon whose words name a measure; its list runs while items follow.
    """
    out: dict[int, tuple[str, str]] = {}
    measure: str | None = None
    for i, text in enumerate(texts):
        item = _LIST_ITEM.match(text)
        if item and measure is not None:
            out[i] = (measure, item.group(1).strip().lower())
            continue
        measure = None
        if text.rstrip().endswith(":"):
            words = [w.lower() for w in _LEAD_WORD.findall(text)]
            found = [_MEASURE_LEMMAS.get(w) or _MEASURE_LEMMAS.get(w[:-1]) for w in words]
            measure = next((m for m in reversed(found) if m), None)
    return out


def _elided_damage(number: Token, previous: _Draft | None) -> str | None:
    """ "97 houses incurred partial damage, and 25 were completely destroyed": a bare number that is the subject
    of a damage verb, after a count of buildings in the same sentence, counts those buildings so damaged."""
    if previous is None or previous.seg.doc is not number.doc:
        return None
    verb = number.head
    # "The storm damaged 18,400 houses and destroyed 2,150": the bare object of a verb joined to one whose object
    # counted the buildings
    object_of_a_conjunct = number.dep_ == "dobj" and verb.dep_ == "conj" and number.i == _counted_noun(number).i
    if number.dep_ not in ("nsubj", "nsubjpass") and not object_of_a_conjunct:
        return None
    done = _DAMAGE_VERBS.get(_lemma(verb))
    counted = previous.measure.split()[0] if previous.measure else ""
    if done is None or not counted or (counted[:-1] if counted.endswith("s") else counted) not in _BUILDING_NOUNS:
        return None
    degree = next((_DEGREES[c.lower_] for c in verb.children if c.lower_ in _DEGREES), None)
    return f"{counted} {degree + ' ' if degree else ''}{done}"
