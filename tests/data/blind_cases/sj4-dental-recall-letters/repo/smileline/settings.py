import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("SECRET_KEY", "dev")
DEBUG = os.environ.get("DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "patients",
    "recalls",
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
ROOT_URLCONF = "smileline.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "smileline.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "Europe/London"
USE_TZ = True
USE_I18N = False

PRACTICE_NAME = "SmileLine Dental"
# Work area for letter batches and exports before they go to the print vendor / front desk share.
PRINT_SPOOL_DIR = os.environ.get("PRINT_SPOOL_DIR", "/var/spool/smileline")
LETTER_ARCHIVE_DIR = os.environ.get("LETTER_ARCHIVE_DIR", str(BASE_DIR / "var" / "letter-archive"))
FRONT_DESK_EXPORT_DIR = os.environ.get("FRONT_DESK_EXPORT_DIR", str(BASE_DIR / "var" / "front-desk"))
LETTER_ARCHIVE_DAYS = 90
PRINT_VENDOR = os.environ.get("PRINT_VENDOR", "recalls.printmail.PostlyClient")
POSTLY_API_URL = os.environ.get("POSTLY_API_URL", "https://api.postly.example/v1/batches")
POSTLY_API_KEY = os.environ.get("POSTLY_API_KEY", "")
SCHEDULER_JOB_MODULES = ["recalls.jobs"]
