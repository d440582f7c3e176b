"""The old CRM's SQLite export."""
LEGACY_QUERY = "SELECT email, full_name, orders FROM customers WHERE deleted = 0"


def parse_row(row):
    email, full_name, orders = row
    return {"email": email.strip().lower(), "name": (full_name or "").strip(), "orders_count": int(orders or 0)}
