"""Predicates shared by the command (CMD) rules: pure functions over ``ast``."""
