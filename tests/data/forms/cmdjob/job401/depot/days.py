from datetime import datetime, time, timedelta, timezone


def day_bounds(day):
    """[start, end) of a calendar day."""
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    return start, start + timedelta(days=1)
