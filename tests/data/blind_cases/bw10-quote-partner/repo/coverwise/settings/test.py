from .base import *  # noqa: F401,F403

DRAMATIQ_BROKER = "stub"

PARTNER_HTTP_TIMEOUT = 2
# keep retried messages fast in tests
PARTNER_QUOTE_MIN_BACKOFF_MS = 10
PARTNER_QUOTE_MAX_BACKOFF_MS = 50

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
