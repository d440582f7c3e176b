"""Nightly shipping paperwork: label batches rendered in a scratch directory, packing slips spooled for the
printer, and the partner's order file handed to the import task."""
import os
import shutil
import tempfile
from pathlib import Path

from celery import shared_task

from ops import storage
from ops.models import Order
from ops.scheduler import register_job


class LabelBatch:
    """A scratch directory for one batch of labels; a context manager that removes it on the way out."""

    def __init__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="labels-"))

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        shutil.rmtree(self.workdir, ignore_errors=True)

    def render(self, order):
        path = self.workdir / f"{order.number}.txt"
        path.write_text(f"{order.number}\n")
        return path


class PackingSlips:
    """Slips spooled for the printer; nothing ever removes the spool directory."""

    def __init__(self):
        self.spool = tempfile.mkdtemp(prefix="slips-")

    def add(self, order):
        with open(os.path.join(self.spool, f"{order.number}.txt"), "w") as fh:
            fh.write(f"{order.number} {order.total_cents}\n")


class OrderFile:
    def __init__(self, path, partner):
        self.path = path
        self.partner = partner


@shared_task
def import_order_file(order_file):
    """Read the partner's order file, then remove it (the task owns the file)."""
    try:
        Path(order_file.path).read_text()
    finally:
        os.unlink(order_file.path)


@register_job("nightly")
def print_labels():
    with LabelBatch() as batch:
        for order in Order.objects.filter(closed=False).order_by("number"):
            storage.upload(batch.render(order), f"labels/{order.number}.txt")
    slips = PackingSlips()
    for order in Order.objects.filter(closed=False).order_by("number"):
        slips.add(order)


@register_job("nightly")
def fetch_partner_orders():
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w") as fh:
        fh.write("number,total_cents\n")
    order_file = OrderFile(path=path, partner="acme")
    import_order_file.delay(order_file)
