import os

import django

import depot.models

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()


def main():
    print(depot.models.Customer.objects.count())


if __name__ == "__main__":
    main()
