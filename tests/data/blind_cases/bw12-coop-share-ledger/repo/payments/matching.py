"""Match bank transactions to members using the payment reference (or the payer's IBAN)."""
import re

from members.models import Member

from .models import BankTransaction

REFERENCE_RE = re.compile(r"\b(SHARES?|SHOP)[\s\-/]*0*(\d{1,5})\b", re.IGNORECASE)

PURPOSES = {
    "SHARE": BankTransaction.Purpose.SHARES,
    "SHARES": BankTransaction.Purpose.SHARES,
    "SHOP": BankTransaction.Purpose.SHOPPING,
}


def parse_reference(remittance_info):
    """Return (purpose, member_number) from a remittance text, or (None, None)."""
    match = REFERENCE_RE.search(remittance_info or "")
    if not match:
        return None, None
    return PURPOSES[match.group(1).upper()], int(match.group(2))


def normalize_iban(iban):
    return re.sub(r"\s+", "", iban or "").upper()


def match_transaction(txn):
    """Fill in member and purpose. Sets status MATCHED, or UNMATCHED for the treasurer to review."""
    if txn.amount <= 0:
        txn.status = BankTransaction.Status.IGNORED
        return txn
    purpose, number = parse_reference(txn.remittance_info)
    member = None
    if number is not None:
        member = Member.objects.filter(member_number=number).first()
    if member is None and txn.counterparty_iban:
        # A member who forgot the reference: only trust the IBAN if exactly one member uses it.
        candidates = list(Member.objects.filter(iban=normalize_iban(txn.counterparty_iban))[:2])
        if len(candidates) == 1:
            member = candidates[0]
            purpose = purpose or BankTransaction.Purpose.SHARES
    if member is None or member.status == Member.Status.LEFT:
        txn.status = BankTransaction.Status.UNMATCHED
        txn.error = "no member for reference" if member is None else "member has left"
        return txn
    txn.member = member
    txn.purpose = purpose
    txn.status = BankTransaction.Status.MATCHED
    txn.error = ""
    return txn
