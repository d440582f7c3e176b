"""The Celery application of the deskly service."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deskly.settings")

app = Celery("deskly")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
