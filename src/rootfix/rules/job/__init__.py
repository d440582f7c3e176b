"""Rules for job components."""
