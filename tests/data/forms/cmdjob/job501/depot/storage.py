import shutil

from django.conf import settings


def upload(path):
    shutil.copy(path, settings.EXPORT_DIR)
