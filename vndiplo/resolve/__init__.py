"""Resolution across articles: persons, events, commitments, mechanisms and relations as entities."""
from vndiplo.resolve.run import (
    delete_document, entities_of, reextract_document, resolve_document, resolve_store,
)

__all__ = ["delete_document", "entities_of", "reextract_document", "resolve_document", "resolve_store"]
