import requests


class PayoutError(Exception):
    """Base of every error of the payouts app."""


class BankError(PayoutError):
    pass


class BankTimeout(BankError, requests.Timeout):
    """The bank's API did not answer in time: try again later."""


class BankRejected(BankError):
    """The bank refused the transfer: final."""
