from django.conf import settings

DEFAULTS = {
    "EXPORT_DIR": "exports",
    "LOAN_SHEETS_DIR": "exports/loan-sheets",
    "INBOX_DIR": "inbox",
    "LOAN_PERIOD_DAYS": 42,
    "REMINDER_EVERY_DAYS": 7,
    "LIBRARIAN_EMAIL": "library@localhost",
}


def library_setting(key):
    """A value from settings.CHOIR_LIBRARY, falling back to the defaults above."""
    return getattr(settings, "CHOIR_LIBRARY", {}).get(key, DEFAULTS[key])
