"""Helpers for walking large querysets without loading them into memory at once.

The boxes table holds a few hundred thousand rows once a department's whole
transfer has been registered, so the management commands never do
``for box in Box.objects.all()``. They walk the table batch by batch instead,
which also lets them commit once per batch.
"""
from django.conf import settings

DEFAULT_BATCH_SIZE = 200


def default_batch_size():
    return getattr(settings, "ARCHIVE_BATCH_SIZE", DEFAULT_BATCH_SIZE) or DEFAULT_BATCH_SIZE


def iter_batches(queryset, size=None):
    """Yield lists of at most ``size`` model instances from ``queryset``.

    Every batch is fetched with its own query, so only one batch of instances
    is in memory at a time. Rows are taken in primary key order so that the
    batches line up from one query to the next.
    """
    size = size or default_batch_size()
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    queryset = queryset.order_by("pk")
    offset = 0
    while True:
        batch = list(queryset[offset:offset + size])
        if not batch:
            return
        yield batch
        if len(batch) < size:
            return
        offset += size


def chunked(items, size):
    """Split an in-memory sequence into lists of at most ``size`` items."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]
