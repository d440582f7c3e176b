"""Helpers shared by the worker rules (what several WRK rules need; no rule imports another rule)."""
