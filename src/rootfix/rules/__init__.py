"""The rule catalogue: one module per rule under ``rules/<component>/``; see :mod:`rootfix.rules.base`."""
