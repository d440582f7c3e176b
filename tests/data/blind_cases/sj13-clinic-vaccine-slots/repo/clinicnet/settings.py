import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only")
DEBUG = os.environ.get("DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django_crontab",
    "clinics",
    "scheduling",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "clinicnet.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "clinicnet.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/Lisbon"
USE_TZ = True
USE_I18N = False

SMS_GATEWAY = os.environ.get("SMS_GATEWAY", "scheduling.sms.HttpSmsGateway")
SMS_API_URL = os.environ.get("SMS_API_URL", "https://sms.example.pt/api/v2/send")
SMS_API_KEY = os.environ.get("SMS_API_KEY", "")
SMS_SENDER = "Vacinacao"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {"scheduling": {"handlers": ["console"], "level": "INFO"}},
}

# django-crontab. The server clock runs on Lisbon time too.
CRONTAB_LOCK_JOBS = True
CRONTAB_COMMAND_SUFFIX = "2>&1"
CRONJOBS = [
    ("0 20 * * *", "scheduling.cron.publish_tomorrows_slots", ">> /var/log/clinicnet/cron.log"),
    ("0 10 * * *", "scheduling.cron.send_booking_reminders", ">> /var/log/clinicnet/cron.log"),
    ("15 * * * *", "scheduling.cron.mark_no_shows", ">> /var/log/clinicnet/cron.log"),
]
