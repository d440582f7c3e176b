from celery import Celery

app = Celery("loyalty")
app.config_from_object("django.conf:settings", namespace="CELERY")
