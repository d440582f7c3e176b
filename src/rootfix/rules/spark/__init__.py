"""Rules for spark components."""
