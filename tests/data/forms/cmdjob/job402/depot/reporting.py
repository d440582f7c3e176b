from datetime import date


def report_title():
    """Used by the admin's report view only; no job calls it."""
    return f"Depot report {date.today():%d.%m.%Y}"
