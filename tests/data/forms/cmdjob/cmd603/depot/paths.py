from django.conf import settings

REPORTS_DIR = settings.BASE_DIR / "public" / "reports"
