from depot.reminding import send_due


def reminders_via_service():
    send_due()
