SECRET_KEY = "forms"
INSTALLED_APPS = ["django.contrib.contenttypes", "ops"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
CELERY_BROKER_URL = "memory://"

# celery beat: a worker process runs these again and again
CELERY_BEAT_SCHEDULE = {
    "push-targets": {"task": "ops.forms.p01_beat_class_attr.push_targets", "schedule": 60.0},
    "check-thresholds": {"task": "ops.forms.p02_class_dict_per_key.check_thresholds", "schedule": 60.0},
    "route-orders": {"task": "ops.forms.p03_class_cache_in_helper.route_orders", "schedule": 300.0},
    "price-check": {"task": "ops.forms.p05_lru_cache_beat.price_check", "schedule": 300.0},
    "remind-staff": {"task": "ops.forms.p08_instance_via_helper.remind_staff", "schedule": 3600.0},
    "nightly-digest": {"task": "ops.forms.p10_shared_by_two_jobs.nightly_digest", "schedule": 3600.0},
    "hourly-digest": {"task": "ops.forms.p10_shared_by_two_jobs.hourly_digest", "schedule": 3600.0},
    "site-banner": {"task": "ops.forms.q01_settings_cache.site_banner", "schedule": 60.0},
    "convert": {"task": "ops.forms.q02_cleared_per_run.convert", "schedule": 60.0},
    "normalise": {"task": "ops.forms.q03_pure_lru_cache.normalise_codes", "schedule": 60.0},
}

# django-crontab: a fresh process per run, caches die with it
CRONJOBS = [("*/5 * * * *", "ops.forms.q04_crontab_fresh_process.send_holiday_notice")]
