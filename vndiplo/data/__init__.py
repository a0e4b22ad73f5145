"""Domain knowledge as TSV tables (see gazetteer.table)."""
