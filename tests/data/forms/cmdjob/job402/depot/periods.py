from datetime import datetime, timedelta


def cutoff(days):
    """The instant `days` ago: rows older than it are purged."""
    return datetime.now() - timedelta(days=days)
