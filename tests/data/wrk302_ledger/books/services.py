from django.db import transaction

from .models import Account, Entry


def post_entry(amount):
    """Entries are written with their checks in one ledger transaction."""
    with transaction.atomic(using="ledger"):
        entry = Entry(amount=amount)
        entry.save(using="ledger")
        if amount == 0:
            raise ValueError("empty entry")
    return entry


def open_account(name, on_open):
    with transaction.atomic():
        account = Account.objects.create(name=name)
        transaction.on_commit(lambda: on_open(account.pk))
    return account
