"""Extraction: from a cleaned article to typed facts (see pipeline.py)."""
