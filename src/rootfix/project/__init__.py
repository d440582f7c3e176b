"""The project model: what rootfix knows about a Django project, derived once from the
:class:`~rootfix.discover.index.RepoIndex` and queried by every command and rule.

Fact families live one per module (transactions, enqueue sites, exception hierarchy,
model instances and querysets, serializer behaviour, ...); each is a set of pure functions
over the index, cached per index, so that no rule re-derives what a task, a transaction or
a model instance is.
"""
from __future__ import annotations
