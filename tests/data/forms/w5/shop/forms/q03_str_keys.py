from shop.tasks import email_totals


def send_named(totals):
    email_totals.delay({str(key): value for key, value in totals.items()})
