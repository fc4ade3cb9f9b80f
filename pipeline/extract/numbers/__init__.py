"""Numbers as written in news: find every quantity in a text, with value, qualifier, unit and change.

Pure and regex/token based (no spaCy), so it runs over whole articles cheaply and tells the extract
stage which sentences are worth parsing. It reads "55,000", "1.1 million", "two", "a dozen",
"nearly 400,000", "between 10 and 20", "20 per cent", "-20C", "$1.5bn", "thousands" (vague) and
"rose 3%" (a change), and drops what is not a quantity: years, dates, times of day, ordinals,
phone numbers and numbers that are part of a name ("France 2", "World War Two", "F-16").

Modules, each deciding one thing:

* `quantity`: Quantity, what a quantity says, and the words its fields take (Qualifier, Unit, ...).
* `lexicon`: the word tables (number words and scales, qualifiers, change verbs, currencies, units).
* `tokens`: tokens and the number they spell (digits with a scale, number words); has_number.
* `context`: what is written around a number (currency, qualifier, sign and change before it; unit after).
* `filters`: what is no quantity (years, dates, times, ages, ordinals, names, scores, phone numbers).
* `ranges`: the unit after a number and a range's second number ("10-20", "between 10 and 20").
* `reader`: find_quantities, reading each number in turn, then shares ("one in five") and restatements.
"""

from pipeline.extract.numbers.quantity import Direction, Qualifier, Quantity, QuantityKind, Unit
from pipeline.extract.numbers.reader import find_quantities
from pipeline.extract.numbers.tokens import has_number

__all__ = [
    "Direction",
    "Qualifier",
    "Quantity",
    "QuantityKind",
    "Unit",
    "find_quantities",
    "has_number",
]
