import os
import tempfile

from depot.models import Parcel
from depot.registry import register_job


def build_export():
    """Hands the file to its caller, which removes it."""
    fd, path = tempfile.mkstemp()
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(str(Parcel.objects.count()))
    return path


@register_job("0 4 * * *")
def returned_to_caller():
    path = build_export()
    try:
        return os.path.getsize(path)
    finally:
        os.remove(path)
