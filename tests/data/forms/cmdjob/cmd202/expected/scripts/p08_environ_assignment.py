import os

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "depot_site.settings"
django.setup()
from django.contrib.auth.models import Group  # noqa: E402


def main():
    print(Group.objects.count())


if __name__ == "__main__":
    main()
