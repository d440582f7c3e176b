import requests

from .errors import BankRejected, BankTimeout

API = "https://bank.example.com/v1/transfers"


def transfer(iban, amount):
    try:
        response = requests.post(API, json={"iban": iban, "amount": str(amount)}, timeout=10)
    except requests.Timeout as exc:
        raise BankTimeout(str(exc)) from exc
    if response.status_code == 422:
        raise BankRejected(response.text)
    response.raise_for_status()
    return response.json()["id"]
