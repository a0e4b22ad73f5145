"""vndiplo: Vietnamese foreign-affairs news read into a sourced knowledge base.

    >>> import vndiplo
    >>> facts = vndiplo.extract("Chiều 8/7, ...", published="2025-07-08")
"""
from vndiplo.extract.pipeline import extract
from vndiplo.records import (
    Anniversary, Event, Fact, Figure, Location, Mechanism, Participant, Person, Relation,
)

__version__ = "0.1.0"

__all__ = [
    "Anniversary", "Event", "Fact", "Figure", "Location", "Mechanism", "Participant",
    "Person", "Relation", "__version__", "extract",
]
