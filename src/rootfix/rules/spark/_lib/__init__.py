"""Predicates shared by the Spark rules (executor code, ORM use, driver state); no rule imports another rule."""
