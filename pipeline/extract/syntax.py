"""Shared token helpers over the dependency parse: lemmas, entity spans, noun phrases, the counted noun."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.extract.events import event_counts
from pipeline.extract.lexicon import (
    _ELIDED_NOUNS,
    _EXPECTATION_VERBS,
    _MEASURE_LEMMAS,
    _PROJECTION_NOUNS,
    _TALLY_NOUNS,
)
from pipeline.extract.timex import MONTHS


def _persons(doc: Doc) -> list[tuple[int, str]]:
    return [(e.start_char, e.text) for e in doc.ents if e.label_ == "PERSON"]


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


def _number_token(span: Span) -> Token:
    for tok in span:
        if tok.like_num or tok.pos_ == "NUM":
            return tok
    return span.root


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _lex(tok: Token) -> str | None:
    lemma = _lemma(tok)
    if lemma == "strike" and tok.pos_ == "VERB" and not (tok.tag_ == "VBG" and tok.dep_ == "amod"):
        # "the quake struck": only the noun ("on strike") and the participle that describes people
        # ("the number of striking workers") are a labour measure.
        return None
    if lemma in _MEASURE_LEMMAS:
        return _MEASURE_LEMMAS[lemma]
    if tok.lower_ in _MEASURE_LEMMAS:
        return _MEASURE_LEMMAS[tok.lower_]
    if tok.lower_.endswith("ed") and tok.pos_ in ("ADJ", "VERB"):
        # A participle the tagger left as its own lemma ("remain evacuated", "have been infected").
        for stem in (tok.lower_[:-1], tok.lower_[:-2]):
            if stem in _MEASURE_LEMMAS:
                return _MEASURE_LEMMAS[stem]
    return None


# ---- measure ----
# Words that pick a part of what the sentence counts: "the majority, 137, are in Gaines County".
_PART_WORDS = {"majority", "most", "bulk", "half", "many", "some", "all", "rest", "remainder"}


def _counted_noun(number: Token) -> Token:
    if number.dep_ == "appos" and number.head.lower_ in _PART_WORDS:
        counted = _counted_by_part(number.head)
        if counted is not None:
            return counted
    noun = number.head if number.dep_ in ("nummod", "quantmod", "compound", "amod") else number
    if number.dep_ == "npadvmod" and number.head.pos_ == "VERB" and number.head.i > number.i:
        # "30 officially recognized post-disaster fatalities": the parser hangs the number on the participle
        # before the noun it counts, the participle's object.
        objects = [c for c in number.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i > number.head.i]
        if objects and all(
            t.dep_ in ("amod", "compound", "punct") for t in number.doc[number.head.i + 1 : objects[0].i]
        ):
            noun = objects[0]
    while noun.dep_ in ("nummod", "quantmod") and noun.head != noun:
        noun = noun.head
    while noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i and noun.pos_ == "NOUN":
        noun = noun.head  # "38 parts distribution centers": the number counts the compound's head
    return noun


def _counted_by_part(part: Token) -> Token | None:
    """What "the majority" counts when it has no "of" phrase: the subject of the clause it follows ("Cases have
    been identified in nine counties, but the majority, 137, are in Gaines County")."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in part.children):
        return None
    verb = _first_conjunct(part.head)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
    return subjects[0] if subjects and subjects[0].i < part.i and subjects[0] != part else None


def _first_conjunct(tok: Token) -> Token:
    """The first of the conjuncts a token is one of ("three in Nanao and 23 in Wajima": "three")."""
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    return tok


def _partitive(number: Token) -> Token | None:
    """The set a number picks from: "eight of the cases", "two of the dead" (not "a toll of 40")."""
    for prep in number.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for noun in prep.children:
                if noun.dep_ == "pobj" and not noun.like_num and any(c.dep_ in ("det", "poss") for c in noun.children):
                    return noun
    return None


# Verbs that change an amount by another: "cut its profit by $200 million", "raised its offer by 2%".
_CUT_VERBS = {"cut", "reduce", "lower", "slash", "trim", "dent"}
_RAISE_VERBS = {"raise", "boost", "lift"}


def _amount_head(number: Token) -> Token:
    """The top of an amount's own phrase: "$ 50 m." -> "m.", "70 million euros" -> "euros"."""
    top = number
    while top.dep_ in ("compound", "nummod", "quantmod", "nmod") and top.head != top and top.head.i - top.i <= 3:
        top = top.head
    return top


def _names_event(noun: Token) -> bool:
    """Whether a noun is an event's name: "quake", "floods", "fire" ("the Attica fire", "the 2019 fire")."""
    return bool(event_counts(noun.text)) or _lemma(noun) == "fire"


_STATE_VERBS = {"remain", "stay", "wait", "sit", "queue", "idle", "shelter"}
# The verb "be" as written (the fast path's lemma cache leaves "am" as "am").
BE_FORMS = {"am", "is", "are", "was", "were", "be", "been", "'m", "'re", "'s", "’m", "’re", "’s"}


def in_a_state(number: Token) -> bool:
    """Whether the figure counts what is in a state now, a level that may fall, rather than what happened: "74 ships
    were waiting offshore", "ships waiting to unload", "39 remain in hospital", "1,206 are still being treated"."""
    noun = _counted_noun(number)
    if any(c.dep_ == "acl" and c.tag_ == "VBG" for c in noun.children):
        return True  # "container ships waiting offshore"
    verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return False
    if _lemma(verb) in _STATE_VERBS or any(c.lower_ == "still" for c in verb.children if c.dep_ == "advmod"):
        return True
    # the progressive: "74 ships were waiting", "workers are sheltering", "96 were being treated"
    if any(c.dep_ == "auxpass" and c.lower_ == "being" for c in verb.children):
        return True
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in BE_FORMS for c in verb.children)


def _verb_above(tok: Token) -> Token | None:
    """The nearest verb (or auxiliary) above a token: the clause a number's figure is stated in."""
    return next((t for t in tok.ancestors if t.pos_ in ("VERB", "AUX")), None)


# Verbs that carry a total to a new level: "..., bringing the death toll to 40", "taking the total to 1,200".
_TO_TOTAL_VERBS = {"bring", "take", "push", "raise", "lift"}


def _added_to_total(number: Token) -> bool:
    """ "12 people were killed in the blast, bringing the death toll to 40": the clause's count is what it added
    to the total it then gives; the total's own number is set by the verb, not in such a clause."""
    verb = _verb_above(number)
    if verb is None:
        return False
    counted = _lemma(_counted_noun(number))
    if any(
        t.like_num
        and t.pos_ == "NUM"
        and t != number
        and _lemma(_counted_noun(t)) == counted
        and not any(a.lower_ == "to" for a in t.ancestors)
        for t in verb.subtree
    ):
        # "the Attica fire burned 14,200 hectares and the Evia fire 6,900 hectares, bringing the total to 21,000":
        # two counts of one thing before the total are its parts, not what was added to it
        return False
    return any(
        c.dep_ in ("advcl", "conj", "xcomp")
        and c.i > number.i
        and c.tag_ == "VBG"  # a participle with no subject of its own: "while the bank raised its offer to 12%" is not
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        and _lemma(c) in _TO_TOTAL_VERBS
        and any(p.dep_ == "prep" and p.lower_ == "to" and any(g.pos_ == "NUM" for g in p.subtree) for p in c.children)
        for c in verb.children
    )


def _difference(number: Token) -> str | None:
    """A difference, not a level: an excess ("overcounted deaths by as many as 30", "exceeded the forecast by 12")
    is up, a shortfall ("undercounted by 5", "missed the target by 2") down; "14 more bodies", "25 new cases" are
    what was added since the last count, as is "three more than last week" after a level."""
    after = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    if after is not None and after.lower_ in ("more", "additional", "new", "further") and after.head == number.head:
        return "up"
    if after is not None and after.lower_ in ("more", "fewer", "less") and after.head == number:
        following = number.doc[after.i + 1] if after.i + 1 < len(number.doc) else None
        if following is not None and following.lower_ == "than":
            # "33 cases as of Tuesday, three more than last week": how much the level moved
            return "up" if after.lower_ == "more" else "down"
    if _added_to_total(number):
        return "up"
    top = _amount_head(number)  # "by $200 million": the amount's own phrase
    prep = top.head if top.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "by":
        return None
    # The verb the "by" belongs to, or the one above it when the parse hangs it lower ("deaths caused by ... by 30"),
    # or a verb just before it that the parse made a modifier ("overcounted deaths caused by Helene by 30").
    heads = [t for t in (prep.head, *prep.head.ancestors) if t.pos_ == "VERB"][:2]
    nearby = [t for t in number.doc[max(0, prep.i - 8) : prep.i] if t.pos_ == "VERB" and t not in heads]
    for verb in heads + nearby:
        if verb.lower_.startswith("over") or _lemma(verb) in ("exceed", "outnumber", "surpass", "top", "beat"):
            return "up"
        if _lemma(verb) in _CUT_VERBS:
            return "down"  # "cut its profit by $200 million": a fall of that much
        if _lemma(verb) in _RAISE_VERBS:
            return "up"
        if verb.lower_.startswith("under") or _lemma(verb) in ("miss", "trail"):
            return "down"
    return None


def _total_of(noun: Token) -> Token | None:
    """ "a total of 3,770 houses", "the number of people": the total a counted noun is the complement of."""
    if noun.head.lower_ == "of" and _lemma(noun.head.head) in _TALLY_NOUNS:
        return noun.head.head
    return None


_EARLIER_WORDS = {"previously", "earlier", "initially", "originally", "formerly", "once"}
_EARLIER_ADJECTIVES = {"initial", "earlier", "previous", "original", "former", "prior"}
_RISE_WORDS = {"up", "increase", "rise", "jump", "climb", "surge"}
_CHANGE_WORDS = _RISE_WORDS | {"down", "fall", "drop", "decline", "decrease"}
# What a value moved from is the older one: "up from 38", "fell from 88 to 85", "was reduced from 145 to 128".
_MOVE_WORDS = _CHANGE_WORDS | {"reduce", "revise", "cut", "lower", "raise"}


def baseline_of_change(number: Token) -> bool:
    """ "31,500 workers, up from 9,000 last week": a bare number a change is measured from (the same series as
    the figure before it, at an older time)."""
    tok = number
    if number.dep_ in ("nummod", "quantmod") and _lemma(number.head) in _SERIES_NOUNS:
        tok = number.head  # "up from 9,000 workers": the same people, counted before
    head = tok.head
    return tok.dep_ == "pobj" and head.lower_ == "from" and _lemma(head.head) in _CHANGE_WORDS


_SERIES_NOUNS = {"worker", "people", "person", "member", "employee", "resident", "case", "death", "unit"}


def _marked_earlier(number: Token) -> bool:
    """The text marks the figure as an older one: "officials, who previously reported 72 deaths", "the initial 62
    confirmed cases", "had earlier put the toll at 40"."""
    noun = _counted_noun(number)
    if any(c.dep_ == "amod" and c.lower_ in _EARLIER_ADJECTIVES for c in (*noun.children, *number.children)):
        return True
    if number.dep_ == "conj" and any(c.dep_ == "neg" for c in number.children):
        return True  # "would be 253 and not 359 as reported": the figure the new one replaces
    verb = _verb_above(number)
    if verb is not None and any(c.dep_ == "advmod" and c.lower_ in _EARLIER_WORDS for c in verb.children):
        return True
    # "the 10,000 previously estimated"; "initially estimated that about 10,000 people may have perished": the
    # estimate the figure is, or the clause it is reported in, is marked as the earlier one.
    marked = [c for c in (*noun.children, *number.children) if c.dep_ == "acl"]
    if verb is not None and verb.dep_ == "ccomp":
        marked.append(verb.head)
    if any(c.dep_ == "advmod" and c.lower_ in _EARLIER_WORDS for v in marked for c in v.children):
        return True
    # "up from 38 dead on Monday", "a sharp increase from the morning, when 10 deaths were announced", "fell
    # from 88 to 85": what a value moved from is the older figure.
    for anc in list(number.ancestors)[:6]:
        if anc.lower_ == "from" and anc.dep_ == "prep" and _lemma(anc.head) in _MOVE_WORDS:
            return True
        if anc.pos_ == "ADP":
            break  # "from 150 to 131": the 131 is what it moved to
    # "to rebuild homes after Sunday's earthquake, which killed 25 people": what the event did, restated in a
    # clause about it as background, is the toll as it was reported, not a new report of it.
    return verb is not None and (
        verb.dep_ == "relcl"
        and bool(event_counts(verb.head.text))
        and any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in verb.children)
    )


_PROJECTION_VERBS = _EXPECTATION_VERBS | {"target", "aim"}


def _by_forecasters(noun: Token) -> bool:
    """Whether analysts, economists or the market hold the expectation ("analysts' estimates", "the consensus
    estimate"); an official's "estimate of 300 deaths" is a claim."""
    if _lemma(noun) in ("expectation", "consensus"):
        return True
    return any(_lemma(t) in ("analyst", "economist", "market", "consensus", "poll") for t in noun.subtree)


def _nonfinite(verb: Token) -> bool:
    """An infinitive or a participle with no tense of its own ("to average", "averaging")."""
    return verb.tag_ in ("VB", "VBG") and not any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in verb.children
    )


def _projected(number: Token) -> bool:
    """A level the text expects or aims at, not one it reports: "kept its forecast for sales growth of 4% to 5%",
    "cut its forecast to 2%", "the bank expected inflation to average 2.7%". (A projected rise right before the
    number, "would rise to 282", is no figure at all: measure._FORECAST_BEFORE.) A plan stays a figure: "will cut
    12,000 jobs" is the company's decision."""
    counted = _counted_noun(number)
    for anc in list(number.ancestors)[:6]:
        if anc.pos_ == "NOUN" and _lemma(anc) in _PROJECTION_NOUNS and anc != counted:
            return True  # (but "800 goals" are goals scored, not a target)
        if anc.pos_ == "NOUN" and _lemma(anc) in ("expectation", "estimate", "consensus") and _by_forecasters(anc):
            return True  # "beating analysts' expectations of 3.3 billion euros": what the market expected
        if anc.pos_ in ("VERB", "AUX"):
            if _lemma(anc) in _PROJECTION_VERBS:
                return True
            if any(
                c.dep_ in ("dobj", "nsubj", "nsubjpass") and _lemma(c) in _PROJECTION_NOUNS and c != counted
                for c in anc.children
            ):
                return True
            if anc.dep_ not in ("xcomp", "conj", "pcomp", "prep") and not (anc.dep_ == "ccomp" and _nonfinite(anc)):
                # "the toll will rise as more than 100 families seek ...": a clause of its own reports; "expected
                # inflation to average 2.6%", "sees inflation averaging 2.9%" are the expectation's own words.
                break
    return False


def _past_event_year(number: Token, published_year: int) -> int | None:
    """The year of an earlier event the number is a figure of: "the 2016 Kumamoto quakes that claimed 276 lives".

    Only a year at least two before publication counts, so last year's disaster in January's copy stays this one.
    """
    ancestors = list(number.ancestors)[:6]
    verb = next((a for a in ancestors if a.pos_ == "VERB"), None)
    if verb is not None:
        # "Floods in 2022 ... killed more than 1,700 people": the year of the event that is the verb's subject
        ancestors += [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") and c.i < number.i]
    for anc in ancestors:
        if anc.pos_ not in ("NOUN", "PROPN"):
            continue
        for c in anc.children:
            if (
                c != number
                and c.dep_ in ("nummod", "compound", "amod", "npadvmod")
                and re.fullmatch(r"(?:19|20)\d\d", c.text)
            ):  # "1987 houses were damaged" counts houses: its number is no year
                year = int(c.text)
                return year if year <= published_year - 2 else None
            if anc.pos_ == "NOUN" and c.dep_ == "prep" and c.lower_ == "in" and c.i < number.i:
                # "the Rana Plaza collapse in 2013, which killed more than 1,100 people"
                years = [g for g in c.children if g.dep_ == "pobj" and re.fullmatch(r"(?:19|20)\d\d", g.text)]
                if years:
                    year = int(years[0].text)
                    return year if year <= published_year - 2 else None
    return _relative_on_a_dated_event(number, verb, published_year)


def _relative_on_a_dated_event(number: Token, verb: Token | None, published_year: int) -> int | None:
    """ "a repeat of the 2018 fire in the resort of Mati, east of Athens, which killed 104 people": a relative clause
    whose antecedent the parse lost, after a dated event noun a few words before it."""
    if verb is None or verb.dep_ != "relcl" or not any(c.lower_ in ("which", "that") for c in verb.children):
        return None
    for tok in reversed(verb.doc[max(0, verb.i - 15) : verb.i]):
        if re.fullmatch(r"(?:19|20)\d\d", tok.text) and tok.dep_ in ("nummod", "compound", "amod"):
            if tok.head.pos_ == "NOUN" and _names_event(tok.head):
                year = int(tok.text)
                return year if year <= published_year - 2 else None
    return None


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


def _doc_lemmas(doc: Doc) -> frozenset[str]:
    """The lemmas of a sentence, computed once per Doc (every number in it asks)."""
    cached = doc.user_data.get("wiretally_lemmas")
    if cached is None:
        cached = doc.user_data["wiretally_lemmas"] = frozenset(_lemma(t) for t in doc)
    return cached


def _dateline_end(doc: Doc) -> int:
    """Where a dateline ("NAIROBI, Kenya (AP) —", "Kanazawa, Ishikawa Pref., Feb. 1 (Jiji Press)--") ends: 0 if none.

    Found once per parsed sentence and kept on the doc: the subject, the speaker and the timing of each of its
    figures all ask."""
    end: int | None = doc.user_data.get("wiretally_dateline_end")
    if end is None:
        end = doc.user_data["wiretally_dateline_end"] = _find_dateline_end(doc)
    return end


def _find_dateline_end(doc: Doc) -> int:
    for tok in doc[:14]:
        if tok.text in ("—", "–", "--", "-") or tok.text.endswith("--"):
            return tok.i + 1 if tok.i > 0 and any(t.text == "(" or t.text.isupper() for t in doc[: tok.i]) else 0
    # A dateline whose dash was lost on the way: "TACLOBAN, Philippines, Nov 12 The death toll ..."
    if len(doc) > 4 and doc[0].is_alpha and doc[0].text.isupper() and len(doc[0]) > 2 and doc[1].text == ",":
        for tok in doc[2:12]:
            if tok.lower_.rstrip(".") in MONTHS and tok.i + 1 < len(doc) and doc[tok.i + 1].like_num:
                return tok.i + 2
    return 0


def repair_parse(doc: Doc) -> None:
    """Mend a misparse the small model makes around numbers, in place.

    "bringing the number of nurses on strike to 7,500 across six hospitals": the parser reads "7,500 across six"
    as one quantity of hospitals. A number hung as a quantifier on a noun that another number already counts,
    with a preposition between them, is a count of its own, and the preposition's noun says where it is.
    """
    for number in doc:
        if number.dep_ != "quantmod" or not number.like_num:
            continue
        other = number.head if number.head.like_num else None  # "7,500 across six": hung on the other number
        noun = other.head if other is not None and other.dep_ == "nummod" else number.head
        if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or number.i > noun.i:
            continue
        prep = doc[number.i + 1]
        if prep.pos_ != "ADP" or prep.head not in (noun, other) or prep.lower_ not in ("across", "in", "at", "from"):
            continue
        if not any(c.dep_ == "nummod" and c.i > prep.i and c.like_num for c in noun.children):
            continue
        # Re-hang from the top down, so that no step makes a cycle: "to" > 7,500 > across > hospitals.
        number.head, number.dep_ = noun.head, "pobj"
        prep.head, prep.dep_ = number, "prep"
        noun.head, noun.dep_ = prep, "pobj"
