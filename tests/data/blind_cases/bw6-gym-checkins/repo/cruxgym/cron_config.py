"""Periodic jobs, loaded by ``rq cron cruxgym/cron_config.py`` (times are UTC)."""
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cruxgym.settings")
django.setup()

from django.conf import settings  # noqa: E402
from rq import cron  # noqa: E402

from access.jobs import export_checkins, purge_old_checkins, rebuild_member_activity, record_occupancy  # noqa: E402
from members.jobs import send_lapse_nudges  # noqa: E402

# every 10 minutes: people on the wall per gym, for the website widget
cron.register(record_occupancy, "default", interval=600)
# 09:10 UTC = 02:10/03:10 in Denver: yesterday's check-ins to the warehouse
cron.register(export_checkins, "nightly", cron="10 9 * * *", job_timeout=settings.RQ_NIGHTLY_TIMEOUT)
# 09:30 UTC: member activity (last visit, visits in 30 days, streaks, at-risk flag)
cron.register(rebuild_member_activity, "nightly", cron="30 9 * * *", job_timeout=settings.RQ_NIGHTLY_TIMEOUT)
# Sundays: retention
cron.register(purge_old_checkins, "nightly", cron="0 11 * * 0", job_timeout=settings.RQ_NIGHTLY_TIMEOUT)
# 16:00 UTC = mid-morning in Denver
cron.register(send_lapse_nudges, "default", cron="0 16 * * *")
