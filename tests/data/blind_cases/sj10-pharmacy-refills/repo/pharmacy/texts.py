"""Patient-facing SMS copy. Keep messages under 160 characters where possible;
legal asked us never to put the drug name in an SMS (PHI), only the Rx number."""

STOP_FOOTER = "Reply STOP to opt out."


def refill_reminder_text(prescription):
    store = prescription.patient.store
    due = prescription.refill_due_on.strftime("%b %-d")
    return (
        f"{store.name}: Rx #{prescription.rx_number} is due for a refill on {due}. "
        f"Reply REFILL or call {store.phone}. {STOP_FOOTER}"
    )


def pickup_ready_text(fill):
    store = fill.prescription.patient.store
    return (
        f"{store.name}: your prescription Rx #{fill.prescription.rx_number} is ready for pickup. "
        f"We hold it for 10 days. {STOP_FOOTER}"
    )
