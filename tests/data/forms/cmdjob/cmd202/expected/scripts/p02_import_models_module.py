import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()
import depot.models  # noqa: E402


def main():
    print(depot.models.Customer.objects.count())


if __name__ == "__main__":
    main()
