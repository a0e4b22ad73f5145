"""Read and clean: raw pages (text, HTML, JSON Lines) to cleaned Documents."""
from vndiplo.read.document import Document, ReadError, RemovedSpan
from vndiplo.read.loader import iter_documents, read_file

__all__ = ["Document", "ReadError", "RemovedSpan", "iter_documents", "read_file"]
