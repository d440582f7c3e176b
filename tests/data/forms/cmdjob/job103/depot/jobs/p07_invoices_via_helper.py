from depot.billing import invoice_all


def invoices_via_helper():
    invoice_all("2026-01")
