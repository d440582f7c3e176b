from .settings import *  # noqa: F401,F403
from .settings import INSTALLED_APPS

# django-crontab only installs/removes the system crontab on the app server; tests call the job functions directly.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "django_crontab"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
SMS_GATEWAY = "scheduling.sms.MemoryGateway"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
