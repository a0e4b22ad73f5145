"""Domain knowledge: the TSV tables (documented in SOURCES.md) and the gazetteer that reads them
(gazetteer.table, gazetteer.gazetteer). It sits below every stage: read, extract, resolve and serve use it."""
