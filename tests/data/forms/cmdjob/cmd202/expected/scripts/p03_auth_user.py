import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()
from django.contrib.auth.models import User  # noqa: E402


def main():
    print(User.objects.count())


if __name__ == "__main__":
    main()
