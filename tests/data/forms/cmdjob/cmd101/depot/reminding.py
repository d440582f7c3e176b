def send_reminders(*, dry_run=False, limit=None, **_):
    return dry_run, limit
