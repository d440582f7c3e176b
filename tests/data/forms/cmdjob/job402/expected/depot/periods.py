from datetime import datetime, timedelta

from django.utils import timezone


def cutoff(days):
    """The instant `days` ago: rows older than it are purged."""
    return timezone.now() - timedelta(days=days)
