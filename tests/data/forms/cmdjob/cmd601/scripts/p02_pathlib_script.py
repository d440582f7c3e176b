import os
from pathlib import Path

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    from depot.models import DailyStat

    out = Path("reports") / "daily.txt"
    out.write_text("\n".join(f"{s.day} {s.parcels}" for s in DailyStat.objects.all()), encoding="utf-8")


if __name__ == "__main__":
    main()
