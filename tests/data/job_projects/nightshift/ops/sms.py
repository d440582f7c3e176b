"""The SMS gateway (a stub that records what it was asked to send)."""
SENT = []


def send(phone, text):
    SENT.append((phone, text))
