"""The claim layer's word tables: measure lemmas, groups of people, speech words, countries and demonyms."""

from __future__ import annotations

# ---- lexicons: lemmas to normalised measures and subjects (general vocabulary, not names) ----
_MEASURE_LEMMAS: dict[str, str] = {
    "kill": "deaths",
    "die": "deaths",
    "dead": "deaths",
    "death": "deaths",
    "toll": "deaths",
    "body": "deaths",  # "215 bodies have been recovered": the dead counted as they are found
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
    "unaccounted": "missing",
    "untraced": "missing",  # "128 people remained untraced" (Indian English)
    "strand": "stranded",
    "stranded": "stranded",
    "displace": "displaced",
    "flee": "displaced",
    "refugee": "refugees",
    "displaced": "displaced",
    "evacuate": "evacuated",
    "shelter": "in shelters",  # "residents have sought shelter", "centres are sheltering 3,700 people"
    "refuge": "in shelters",
    "camp": "in shelters",  # "9,328 people have been shifted to 91 relief camps"
    "arrest": "arrested",
    "detain": "arrested",
    "homeless": "homeless",
    "quarantine": "in quarantine",  # "nearly 3,500 people have been placed under quarantine"
    "quarantined": "in quarantine",
    "isolate": "in quarantine",  # "2,300 people have been isolated", "some 6,500 others were in isolation"
    "isolation": "in quarantine",
    "hospitalise": "hospitalized",
    "hospitalize": "hospitalized",
    "case": "cases",
    "infection": "cases",
    "infect": "cases",
    "sicken": "cases",  # "has killed 12 people and sickened 310"
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
    "cost": "cost",
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
    "walkout": "workers on strike",
    "striker": "workers on strike",
    "offer": "offer",  # "raised its offer to 12%": what one side of a negotiation puts on the table
    "demand": "demand",
    "fee": "transfer fee",
    "outage": "without power",
    "trap": "trapped",
    "trapped": "trapped",
    "rescue": "rescued",
    "rescued": "rescued",
    "compensation": "compensation",
    "employ": "employees",
    "employee": "employees",
    "hospital": "hospitalized",
    "admit": "hospitalized",
    "hospitalised": "hospitalized",
    "hospitalized": "hospitalized",
}


# One series under its several names: a 25% "pay rise", a 20% "raise", "wage increase".
_MEASURE_SYNONYMS = {
    "raise": "pay rise",
    "pay raise": "pay rise",
    "pay increase": "pay rise",
    "wage increase": "pay rise",
    "wage rise": "pay rise",
    "wage raise": "pay rise",
    "salary increase": "pay rise",
    "wage hike": "pay rise",
    "pay hike": "pay rise",
    "salary hike": "pay rise",
}


# English's closed class of nouns whose plural is their singular: "20 aircraft", "40 sheep".
_INVARIANT_PLURALS = {
    "aircraft",
    "spacecraft",
    "hovercraft",
    "sheep",
    "deer",
    "fish",
    "cattle",
    "livestock",
    "swine",
    "personnel",
    "offspring",
    "species",
    "series",
}


# What only happens to people: a plural noun that is the subject of one counts people ("4,000 nurses walked off
# the job", "11 miners were killed"), whatever the noun; "12 villages were evacuated" is not one of them.
_PEOPLE_ONLY = {
    *("deaths", "injured", "missing", "hospitalized", "discharged", "arrested", "workers on strike", "laid off"),
    "trapped",
}

# What a tally counts is in its "of" phrase: "a total of 3,770 houses", "bringing the number of nurses on strike to
# 7,500" (a number set to "the figure of ..." too).
_TALLY_NOUNS = {"number", "total", "tally", "count"}

# Verbs that put an amount to a purpose: "allocates 702 billion shillings to education".
_ALLOCATE_VERBS = {"allocate", "earmark", "spend", "budget", "devote", "assign", "disburse", "invest", "channel"}

# The two sides of pay talks: "offered a 5% raise", "demanding a 25% pay rise".
_OFFER_VERBS = {"offer", "propose"}
_DEMAND_VERBS = {"demand", "seek", "want"}

# A level to come, not one reported: "the bank expected inflation to average 2.7%", "its forecast of 4%".
_EXPECTATION_VERBS = {"expect", "forecast", "project", "predict"}
_PROJECTION_NOUNS = {"forecast", "guidance", "outlook", "target", "projection", "goal"}


# Verbs whose subject is the side that bears a loss: "Russia had lost 1,200 troops", "has suffered 500,000 casualties".
_BEAR_LOSS = {"lose", "suffer", "sustain", "incur"}


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
    "victim",  # "the 291 victims": people, whatever befell them (the clause says)
    "woman",
    "passenger",
    "worker",
    "member",  # "18,300 UAW members are on strike": what they are counted as is in the clause
    "employee",  # "lay off about 1,800 employees": what happens to them is the measure
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
    "show",  # "data from the disaster centre showed 49 deaths": whose data it is says who gives the figure
    "tell",
    "announce",
    "report",
    "estimate",
    "state",
    "inform",  # "the Chief Minister informed the Assembly"
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
    "identify",  # "Mediazona has identified the names of 95,000 soldiers killed"
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
    "spokesperson",
    "director",
    "commissioner",
    "superintendent",
    "collector",
    "chairman",
    "chairwoman",
    "chairperson",
    "administrator",
    "coordinator",
    "governor",
    "mayor",
    "general",
    "head",
    "envoy",
    "secretary",
    "chancellor",
    "representative",
    "ambassador",
}


_EVENT_MEASURES = {
    "deaths",
    "injured",
    "casualties",
    "missing",
    "prisoners exchanged",
    "prisoners returned",
    "evacuated",
    "arrested",
    "hospitalized",
    "discharged",
}


_CLAIM_UNITS = {"currency", "percent", "temperature", "distance", "area"}


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
    "maker",  # "the electric-vehicle maker"
    "carrier",
    "consultancy",
    "producer",
    "supplier",
    "alliance",
}


# ---- entity spans ----
_ORG_NOUNS = {
    "ministry",
    "tv",  # "state TV reported"
    "television",
    "radio",
    "defence",  # "the state civil defense said"
    "defense",
    "staff",
    "assembly",
    "command",
    "secretariat",
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
    "guard",  # "the coast guard", "the National Guard"
    "navy",
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


_KILL = {"kill", "killed", "die", "dead", "death"}


_WOUND = {"wound", "wounded", "injure", "injured"}


# Modifiers that say nothing about what is counted ("10 confirmed deaths" counts deaths).
_PLAIN_MODIFIERS = {
    "initial",  # "the initial 62 confirmed cases": an older count of the same thing (dated so), not another one
    "previous",
    "earlier",
    "original",
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
    "affect": "damaged",  # a building "affected by the quake" is damaged (people affected are not)
    "flood": "flooded",
    "bury": "buried",
    "wash": "washed away",
}


_BUILDING_NOUNS = {"house", "home", "building", "structure", "dwelling", "school", "shop", "bridge", "road"}


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
    "South Korea",
    "North Korea",
    "Morocco",
    "Libya",
    "Tunisia",
    "Algeria",
    "Peru",
    "Chile",
}


# ---- subject ----
_ELIDED_NOUNS = {"figure", "number", "toll", "total", "tally", "count", "estimate"}


_ECONOMY = {"inflation", "core inflation", "growth", "unemployment"}


_FISCAL = {"budget", "spending", "deficit", "debt"}

# What the lexicon's measures can be when the figure is an amount of money (the others count people or things).
_MONEY_MEASURES = {"revenue", "profit", "price", "cost", "salary", "transfer fee", "compensation", "losses", *_FISCAL}


_HUMAN_MEASURES = {
    "cases",
    "hospitalized",
    "discharged",
    "in quarantine",
    "evacuated",
    "displaced",
    "deaths",
    "injured",
    "missing",
    "affected",
    "homeless",
    "arrested",
}


_PLACE_PREP = {"in", "across", "of", "at", "near", "from", "throughout", "around"}


# What an attack is called ("a Russian missile strike", "Israeli airstrikes"): a country word on one names the side
# that struck, not whose dead they are or where the story is.
_STRIKE_WORDS = r"strikes?|attacks?|shelling|missiles?|drones?|bomb\w*|airstrikes?|rockets?|raids?|offensive|invasion"


# Counts of what an event destroys or leaves behind: they run from the event on, like its toll.
_DAMAGE_MEASURES = {
    "houses", "house", "buildings", "homes", "displaced", "affected", "homeless", "without power", "without water",
}  # fmt: skip


_GENERIC_MEASURES = {"count", "amount", "share", "figure", "number", "total", "value"}


_KEY_GROUPS = {"military", "civilians", "children", "migrants"}
