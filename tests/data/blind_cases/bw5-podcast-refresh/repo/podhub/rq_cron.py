"""RQ cron schedule: `rq cron podhub/rq_cron.py`."""
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "podhub.settings.production")
django.setup()

from rq import cron  # noqa: E402

from charts.jobs import compute_weekly_charts  # noqa: E402
from feeds.jobs import check_enclosures, mirror_missing_artwork, prune_fetch_log, refresh_due_feeds  # noqa: E402,E501

cron.register(refresh_due_feeds, "feeds", interval=120, job_timeout=900)
cron.register(mirror_missing_artwork, "default", cron="15 * * * *")
cron.register(check_enclosures, "default", cron="40 3 * * *", job_timeout=3600)
cron.register(compute_weekly_charts, "default", cron="0 5 * * 1")
cron.register(prune_fetch_log, "default", cron="30 4 * * *")
