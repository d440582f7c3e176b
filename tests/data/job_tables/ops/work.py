def purge_expired():
    return 0


def send_report():
    return "sent"
