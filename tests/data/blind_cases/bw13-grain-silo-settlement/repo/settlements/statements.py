"""Plain-text settlement statement, as emailed to members."""
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

CENT = Decimal("0.01")


def money(value):
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def _d(iso):
    return date.fromisoformat(iso).strftime("%d %b %Y")


def render_statement(data):
    farmer = data["farmer"]
    lines = [
        settings.COOP_NAME,
        f"Settlement statement {data['number']}",
        "",
        f"Member:  {farmer['name']} ({farmer['member_no']})",
        f"Crop:    {data['crop']}",
        f"Period:  {_d(data['period_start'])} - {_d(data['period_end'])}",
        "",
        f"{'Ticket':<12}{'Date':<14}{'Net kg':>10}{'Moisture':>10}",
    ]
    for row in data["deliveries"]:
        lines.append(f"{row['ticket_no']:<12}{_d(row['delivered_on']):<14}{row['net_kg']:>10,}"
                     f"{row['moisture_pct'] + '%':>10}")
    price = money(data["price_per_tonne"])
    lines += [
        "",
        f"Delivered:      {Decimal(data['delivered_tonnes']):>12} t",
        f"Clean tonnes:   {Decimal(data['clean_tonnes']):>12} t @ {price:,.2f} $/t",
        f"{'Gross value':<36}{money(data['gross_amount']):>14,.2f}",
    ]
    for deduction in data["deductions"]:
        lines.append(f"{'Less ' + deduction['description']:<36}{-money(deduction['amount']):>14,.2f}")
    lines += [
        f"{'Net payable':<36}{money(data['net_payable']):>14,.2f}",
        "",
        "Payment is made to your account on file within 5 business days.",
    ]
    return "\n".join(lines) + "\n"
