"""Resolve: one person, one event, one commitment across articles."""
