from datetime import date

from django.core.management.base import CommandError

from carriers.models import Carrier


def parse_day(value):
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"not a date: {value!r} (expected YYYY-MM-DD)") from exc


def add_tenant_arguments(parser):
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--tenant", action="append", dest="tenants", metavar="CODE",
                       help="carrier code; may be repeated")
    group.add_argument("--all-tenants", action="store_true", help="every active carrier")


def selected_carriers(tenants, all_tenants):
    if all_tenants:
        return list(Carrier.objects.active())
    carriers = list(Carrier.objects.filter(code__in=tenants))
    missing = sorted(set(tenants) - {c.code for c in carriers})
    if missing:
        raise CommandError(f"unknown carrier(s): {', '.join(missing)}")
    return carriers
