"""Rules for command components."""
