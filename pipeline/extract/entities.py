"""Named entities from the parse alone: PERSON, ORG, GPE and NORP spans without spaCy's `ner` component.

In en_core_web_sm the `ner` component has its own tok2vec and costs more than the tagger and parser together
(measured with `wiretally bench extract`). The extract stage only needs to know which proper-noun runs are
people (speakers, "he said" antecedents), organisations (sources, owners, "France 2 TV" is not France) and
places ("in Malatya"), so it reads them from the tagger's NNP runs with a few rules:

- a run containing an organisation word ("Agency", "Ministry", "Centre") or an acronym, or followed by a
  number ("France 2"), is an ORG;
- a country or a run after "in/near/at/across/from" is a GPE; a nationality adjective is a NORP;
- a run of two to four title-case words, or one word that is a surname already seen in the article or stands
  after a title ("President", "Minister"), is a PERSON (leading titles and nationalities stay outside it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token
from wordfreq import zipf_frequency

from pipeline.extract.places import PLACE_TYPES, city_countries, find_places
from pipeline.extract.speakers import body_word, same_surname
from pipeline.extract.timex import MONTHS, WEEKDAYS

_ORG_WORDS = {
    "agency",
    "ministry",
    "center",
    "centre",
    "council",
    "bank",
    "observatory",
    "mission",
    "organization",
    "organisation",
    "programme",
    "program",
    "authority",
    "service",
    "office",
    "intelligence",
    "institute",
    "university",
    "party",
    "union",
    "times",
    "news",
    "tv",
    "television",
    "network",
    "motors",
    "group",
    "trust",
    "fund",
    "committee",
    "commission",
    "court",
    "police",
    "army",
    "guard",
    "coastguard",
    "cross",
    "crescent",
    "airlines",
    "airways",
    "railway",
    "railways",
    "bahn",
    "fc",
    "club",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "co",
    "company",
    "foundation",
    "association",
    "federation",
    "alliance",
    "initiative",
    "bloc",
    "renewal",
    "forces",
    "government",
    "department",
    "reuters",
    "afp",
    "frontieres",
    "nations",
    "treasury",
    "parliament",
    "assembly",
    "senate",
    "congress",
    "board",
    "bureau",
    "administration",
    "directorate",
    "media",
    "press",
    "radio",
    "channel",
    "broadcaster",
    "post",
    "journal",
    "herald",
    "institution",
    "studies",
    "hospital",
    "secretariat",
    "monitor",
    "airport",
    "port",
    "exchange",
    "holdings",
    "industries",
    "energy",
    "cabinet",
    "kremlin",
    "pentagon",
    "fed",
    "reserve",
    "meteorological",
    "ratings",
    "poll",
    "gdl",
}
_TITLES = {
    # military and civil ranks as wire copy abbreviates them ("Lt Col Faisal Siddiqui", "Maj. Gen. Rezaul Karim")
    "lt",
    "col",
    "maj",
    "gen",
    "brig",
    "capt",
    "sgt",
    "adm",
    "cmdr",
    "supt",
    "insp",
    "president",
    "prime",
    "minister",
    "governor",
    "mayor",
    "commander",
    "general",
    "chancellor",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "chief",
    "head",
    "director",
    "senator",
    "king",
    "queen",
    "pope",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "lord",
    "colonel",
    "captain",
    "lieutenant",
    "sergeant",
    "judge",
    "ambassador",
    "deputy",
    "vice",
    "interior",
    "health",
    "foreign",
    "defence",
    "defense",
    "finance",
    "special",
    "us",
    "u.s.",
    "former",
    "acting",
    "coach",
    "manager",
    "striker",
    "chairman",
    "ceo",
    "executive",
    "officer",
    "professor",
    "inspector",
    "superintendent",
    "admiral",
    "marshal",
    "emir",
    "sheikh",
    "prince",
    "princess",
}
_NOT_NAMES = {*MONTHS, *WEEKDAYS, "god", "christmas", "easter", "ramadan"}
_PLACE_BEFORE = {"in", "near", "at", "across", "from", "to", "outside", "around", "into", "towards", "toward"}
_CONNECTORS = {"of", "for", "and", "&", "de", "du", "la", "del", "do", "da", "dos", "das", "von", "van", "al", "bin"}
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}s?$")


def _proper(tok: Token) -> bool:
    return tok.tag_ in ("NNP", "NNPS") and tok.text[:1].isupper() and tok.text.lower() not in _NOT_NAMES


def _opens_a_name(doc: Doc, i: int) -> bool:
    """A capitalised word the tagger took for a plural common noun, inside a sentence and before a proper noun:
    "Singapore's Straits Air Holdings", the first word of a name."""
    tok = doc[i]
    return (
        0 < i < len(doc) - 1
        and tok.tag_ == "NNS"
        and tok.text[:1].isupper()
        and tok.is_alpha
        and tok.text.lower() not in _NOT_NAMES
        and doc[i - 1].text not in (".", ":", '"', "“", "‘", "'", "\n")
        and _proper(doc[i + 1])
    )


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal proper-noun runs (token start, end), joined across "of"/"for"/"and" inside names."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(doc)
    while i < n:
        if not (_proper(doc[i]) or _opens_a_name(doc, i)):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _proper(doc[j]) or (
                doc[j].text[:1].isupper()
                and doc[j].pos_ in ("NOUN", "ADJ", "PROPN")
                and doc[j].text.lower() not in _NOT_NAMES
                and j > i
            ):
                j += 1
            elif (
                doc[j].lower_ in ("'s", "’s")
                and j + 1 < n
                and _proper(doc[j + 1])
                and doc[j + 1].lower_ in _ORG_WORDS
                and (doc[j - 1].lower_.endswith("men") or doc[j - 1].lower_.endswith("ers"))
            ):
                j += 2  # "International Longshoremen's Association", "Mine Workers's Union": one name
            elif (
                doc[j].text == "-"
                and not doc[j - 1].whitespace_
                and not doc[j].whitespace_
                and j + 1 < n
                and _proper(doc[j + 1])
            ):
                j += 2  # "Hapag-Lloyd", "Moller-Maersk": one name across its hyphen
            elif (
                doc[j].lower_ in _CONNECTORS
                and j + 1 < n
                and _proper(doc[j + 1])
                and doc[j - 1].lower_ not in _CONNECTORS
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


# A two-word name that is a city of this many people is taken for the city ("Porto Alegre"), unless titled.
_CITY_NOT_PERSON = 100_000


def _label(
    doc: Doc,
    start: int,
    end: int,
    countries: set[str],
    demonyms: dict[str, str],
    known: list[str],
    placed: frozenset[str] = frozenset(),
) -> tuple[str, int] | None:
    """The run's label and where the named part starts (after titles and nationalities), or None."""
    words = [t.text for t in doc[start:end]]
    lowers = [w.lower().strip(".") for w in words]
    text = doc[start:end].text
    nxt = doc[end] if end < len(doc) else None
    if any(w in _ORG_WORDS for w in lowers) or (nxt is not None and nxt.like_num and nxt.tag_ == "CD"):
        return "ORG", start
    if len(words) >= 2 and doc[end - 1].tag_ == "NNPS" and lowers[-1].endswith("s"):
        return "ORG", start  # a plural name is a company or a team ("Norvik Foods", "Rovers"), not a person
    if start == 0 and words[-1].isupper() and nxt is not None and nxt.text in (",", "("):
        return "GPE", start  # a dateline: "MUNICH, Oct 2 (Reuters) -", "ROME (AFP) -"
    if len(words) == 1 and _ACRONYM.match(words[0]) and len(words[0]) <= 6 and words[0] not in countries:
        return "ORG", start
    if text in countries or (len(words) >= 2 and lowers[-1] in PLACE_TYPES):
        return "GPE", start  # "Buncombe County", "Suzu City", "Rukum West District": a place, not a person
    if len(words) == 1 and lowers[0] in demonyms:
        return "NORP", start
    # Leading titles and nationalities are not part of a person's name: "Ukrainian President Volodymyr Zelenskiy".
    if lowers[-1] in _FACILITIES and len(words) >= 2:
        return "FAC", start  # "the Meherun Tower collapse": a building, not a person
    k = start + _name_start(lowers, demonyms)
    if k > start and end - k == 1 and body_word(doc[k].text):
        return "ORG", start  # "the General Staff", "the General Assembly": a body, not a titled person
    titled = k > start or (start > 0 and doc[start - 1].lower_.strip(".") in _TITLES)
    if doc[end - 1].lower_.strip(".") in _ROLES:
        return None  # "the Chief Minister's Office": a role with no name is nobody's name
    name = [t for t in doc[k:end]]
    if any(t.lower_ in _CONNECTORS for t in name):
        named = {w for p in find_places(text) for w in p.name.split()}
        if all(t.lower_ in _CONNECTORS or t.text in named for t in doc[start:end]):
            return "GPE", start  # "Sindh and Punjab": two places, not a body's name
        return "ORG", start
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in _COMPASS and start > 1:
        before = doc[start - 2].lower_  # "in northern Moravia": a compass word stands between place and preposition
    if len(name) >= 2 and all(t.text[:1].isupper() and t.is_alpha or "-" in t.text or "'" in t.text for t in name):
        known_surname = any(same_surname(name[-1].text, p.split()[-1]) for p in known)
        if before in _PLACE_BEFORE and not titled and not known_surname:
            return "GPE", start
        if not titled and not known_surname and _whole_place(doc[start:end].text):
            return "GPE", start  # "New Mexico's Department of Health": a place the gazetteer knows, not a person
        if not titled and not known_surname and max(city_countries(text).values(), default=0) >= _CITY_NOT_PERSON:
            return "GPE", start  # "the streets of Porto Alegre", "Sao Leopoldo": a city, not a person
        return "PERSON", k
    single = name[-1].text
    if titled or any(same_surname(single, p.split()[-1]) for p in known if p):
        return "PERSON", k
    if before in _PLACE_BEFORE:
        return "GPE", start
    if end - start == 1 and _acts_as_a_body(doc[start], placed):
        return "ORG", start  # "Rivian reported a loss", "Maersk said": a company named by one word
    return None


_COMMON_ZIPF = 2.5  # "landslides" 3.0, "cholera" 3.3; "Rivian" 1.1, "Maersk" 2.4


def _no_company_words(docs: list[Doc], runs: dict[int, list[tuple[int, int]]]) -> frozenset[str]:
    """The words of an article that one word acting as a body cannot be (`_acts_as_a_body`), in one pass: those it
    puts where places go ("in Wayanad"), those it writes in lower case ("cholera"), the later words of its longer
    names ("Typhoon Lumin", "District Collector Jane Roy"), and the common words it capitalises only to open a
    sentence (a name if the article also capitalises it elsewhere)."""
    words: set[str] = set()
    opening: set[str] = set()
    inside: set[str] = set()
    for doc in docs:
        for t in doc:
            if t.is_lower or (t.i > 0 and doc[t.i - 1].lower_ in _PLACE_BEFORE):
                words.add(t.text)
            if t.is_title and not t.is_sent_start:
                inside.add(t.text)
            elif t.is_title and zipf_frequency(t.lower_, "en") >= _COMMON_ZIPF:
                opening.add(t.text)
        words.update(t.text for start, end in runs[id(doc)] for t in doc[start + 1 : end])
    return frozenset(words | (opening - inside))


def _acts_as_a_body(tok: Token, placed: frozenset[str]) -> bool:
    """Whether one capitalised word no one introduced as a person is a company or a body: the subject of a verb
    ("Rivian reported", "Maersk said"), not a place (the gazetteer's, a city's, or one the article puts a
    preposition before: "in Wayanad") and not a common word capitalised by its place in the sentence.

    placed: the article's place words, the words it also writes in lower case, the later words of its longer
    names, and the common words it capitalises only to open a sentence."""
    return (
        tok.dep_ in ("nsubj", "nsubjpass")
        and tok.head.pos_ == "VERB"
        and tok.tag_ == "NNP"
        and tok.is_alpha
        and tok.text not in placed
        and not _whole_place(tok.text)
        and not city_countries(tok.text)
        and not body_word(tok.text)
        and tok.lower_ not in placed  # "Cholera has killed 40" in an article that writes "cholera" too
    )


_FACILITIES = {
    "tower", "building", "plaza", "bridge", "mall", "hospital", "factory", "mill", "station", "complex", "hotel",
    "market", "stadium", "airport", "dam", "mine", "temple", "mosque", "church", "cathedral", "school", "college",
}  # fmt: skip


def _name_start(lowers: list[str], demonyms: dict[str, str]) -> int:
    """Where the name starts in a run of capitalised words: after its leading titles and nationalities ("Ukrainian
    President Volodymyr Zelenskiy"), after a role inside it that two or more words follow ("Labour and Employment
    Minister Abdul Mannan Bhuiyan", the run "Employment Minister Abdul Mannan Bhuiyan"), and after the "Police" of
    "Superintendent of Police Nasrin Akter"."""
    k = 0
    while k < len(lowers) - 1 and (
        lowers[k] in _TITLES or lowers[k] in demonyms or (lowers[k] == "police" and len(lowers) - k >= 3)
    ):
        k += 1
    roles = [j for j in range(k, len(lowers) - 2) if lowers[j] in _ROLES]
    return roles[-1] + 1 if roles else k


# The titles that are roles themselves, not a role's field ("Health" in "Health Minister", "Halden Health").
_ROLES = {
    "minister", "president", "governor", "mayor", "secretary", "chancellor", "commander", "spokesman", "spokeswoman",
    "spokesperson", "director", "officer", "manager", "inspector", "superintendent", "senator", "ambassador",
    "envoy", "chairman", "ceo",
}  # fmt: skip


def _whole_place(text: str) -> bool:
    """Whether a name of several words is, all of it, one place the gazetteer knows ("New Mexico")."""
    text = re.sub(r"['’]s$", "", text)
    places = find_places(text)
    return len(places) == 1 and places[0].start == 0 and places[0].end == len(text)


_COMPASS = {
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "coastal",
    "rural",
    "remote",
}


def rule_entities(docs: Iterable[Doc], countries: set[str], demonyms: dict[str, str], known: list[str]) -> None:
    """Set doc.ents on parsed docs of one article from their proper-noun runs (see the module docstring).

    known: people already named elsewhere in the article (unparsed sentences), so their bare surnames count."""
    docs = list(docs)
    runs = {id(doc): _runs(doc) for doc in docs}
    placed = _no_company_words(docs, runs)
    # First the multi-word names, so a later bare surname ("Zelensky said") is known to be a person.
    known = list(known)
    for doc in docs:
        for start, end in runs[id(doc)]:
            found = _label(doc, start, end, countries, demonyms, [])
            if found and found[0] == "PERSON" and end - found[1] >= 2:
                known.append(doc[found[1] : end].text)
    for doc in docs:
        spans: list[Span] = []
        for start, end in runs[id(doc)]:
            found = _label(doc, start, end, countries, demonyms, known, placed)
            if found:
                label, first = found
                spans.append(Span(doc, first, end, label=label))
        surnames = {p.split()[-1] for p in known if len(p.split()) >= 2}
        for tok in doc:
            if any(s.start <= tok.i < s.end for s in spans):
                continue
            if tok.lower_ in demonyms and tok.tag_ == "JJ":
                spans.append(Span(doc, tok.i, tok.i + 1, label="NORP"))
            elif (
                tok.text[:1].isupper()
                and tok.is_alpha
                and len(tok) > 3
                and tok.tag_ in ("NN", "NNS")
                and any(same_surname(tok.text, surname) for surname in surnames)
            ):
                # A known surname the tagger took for a common noun ("Tavares scored ..." at a sentence start).
                spans.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
        doc.ents = sorted(spans, key=lambda s: s.start)


_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,4}")
# A role just before a name, or before it as an apposition: "Mayor Giovanni Russo", "Lampedusa's mayor,
# Giovanni Russo,", "UNHCR's representative in Chad, Magatte Guisse,".
_TITLE_BEFORE = re.compile(
    r"\b(?:[Ee]nvoys?|[Ss]pokes(?:man|woman|person)|[Cc]hief|[Cc]ommander|[Mm]inister|[Gg]overnor|[Mm]ayor|"
    r"[Pp]resident|[Dd]irector|[Cc]oach|[Mm]anager|[Rr]epresentative|[Hh]ead|[Ll]eader|[Ss]ecretary|"
    r"[Cc]hair(?:man|woman|person)?|[Oo]fficer|[Cc]ommissioner|[Ss]heriff|[Aa]mbassador)\.?"
    r"(?:\s+(?:in|of|for|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?(?:\s*,)?\s+$"
)
_SPEECH_AFTER = re.compile(r"\s+(said|says|told|added|wrote|announced)\b")


_ORG_RUN = re.compile(
    r"\b[A-Z][\w’'&-]*(?:[^\S\n]+(?:(?:(?:of|for|on)(?:[^\S\n]+the)?|and)[^\S\n]+)?[A-Z][\w’'&-]*){0,7}"
)


def cheap_orgs(text: str) -> list[str]:
    """Bodies named in an unparsed sentence, by what they are: "the Ministry of Home Affairs", "the Office for
    Refugee Relief" (a run of capitalised words with a word such as Ministry or Agency in it), in order."""
    found = []
    for m in _ORG_RUN.finditer(text):
        words = m.group().split()
        while words and words[0] in ("The", "A", "An"):
            words = words[1:]
        while words and words[-1][:1].islower():
            words = words[:-1]  # "the Ministry of" at a line's end
        if len(words) >= 2 and any(w.lower().strip(".") in _ORG_WORDS for w in words):
            found.append(" ".join(words))
    return found


def cheap_persons(text: str, known: list[str], demonyms: dict[str, str]) -> list[tuple[int, str]]:
    """Person mentions in an unparsed sentence: (offset, name) for names after a title ("Interior Minister Anna
    Kovalenko", "envoy John Hart"), "Anna Kovalenko said", or surnames of people in `known`."""
    found: list[tuple[int, str]] = []
    for m in _NAME_RUN.finditer(text):
        words = m.group().split()
        k = _name_start([w.lower().strip(".") for w in words], demonyms)
        name = words[k:]
        if not name or name[0].lower() in _NOT_NAMES or name[0].lower() in ("the", "a", "an"):
            continue
        if k > 0 and len(name) == 1 and body_word(name[0]):
            continue  # "the General Staff said": a body, whose first word only looks like a title

        offset = m.start() + len(" ".join(words[:k])) + (1 if k else 0)
        last = re.sub(r"['’]s$", "", name[-1])
        titled = k > 0 or bool(_TITLE_BEFORE.search(text[: m.start()]))
        if any(k_.split() and same_surname(last, k_.split()[-1]) for k_ in known):
            found.append((offset, " ".join(name)))
        elif (
            len(name) >= 2
            and not any(w.lower() in _ORG_WORDS or w.lower() in demonyms for w in name)
            and (titled or _SPEECH_AFTER.match(text[m.end() :]))
        ):
            found.append((offset, " ".join(name)))
    return found
