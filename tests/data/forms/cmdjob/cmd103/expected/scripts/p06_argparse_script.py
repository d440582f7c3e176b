import argparse
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()

from depot.models import Customer  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description="Sync customers from the CRM")
    parser.add_argument("--skip-inactive", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args(argv)
    customers = Customer.objects.all()
    if args.skip_inactive:
        customers = customers.filter(active=True)
    print(customers.count())


if __name__ == "__main__":
    main()
