import os

import django
from django.contrib.auth.models import Group

os.environ["DJANGO_SETTINGS_MODULE"] = "depot_site.settings"
django.setup()


def main():
    print(Group.objects.count())


if __name__ == "__main__":
    main()
