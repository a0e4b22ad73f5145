"""Scale: the same extraction code on Apache Spark."""
