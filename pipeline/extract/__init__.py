"""Figure extraction: the number reader, time expressions, speakers and entities, and the claim layer.

`Extractor` turns articles into `Figure` values; the rest of the product uses only what is exported here.
"""

from pipeline.extract.extractor import Extractor, load_nlp
from pipeline.extract.figure import Figure, Scope

__all__ = ["Extractor", "Figure", "Scope", "load_nlp"]
