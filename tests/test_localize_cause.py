"""Localization names the cause, not the symptom: small real projects where the deepest frame, the
component's own file or whole-file text would point at the wrong function."""
from __future__ import annotations

from pathlib import Path

from rootfix.discover.index import RepoIndex
from rootfix.localize import rank_suspects
from rootfix.localize.hazards import function_hazards, symptom_kinds
from rootfix.project.model import Project
from rootfix.types import BugReport, ExceptionRecord, Frame, ParsedError

CELERY = '''from celery import Celery

app = Celery("shop")
app.conf.beat_schedule = {
    "sync-prices": {"task": "suppliers.jobs.sync_prices", "schedule": 900.0},
}
'''

MODELS = '''from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=32)
    name = models.CharField(max_length=200)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    description = models.TextField()
'''


def _write(root: Path, files: dict[str, str]) -> RepoIndex:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return RepoIndex.build(root)


def _component(index: RepoIndex, symbol: str):
    return next(c for c in Project.of(index).components if c.symbol == symbol)


def _frame(rel: str, line: int, function: str) -> Frame:
    return Frame(f"/srv/app/{rel}", line, function, repo_path=rel, is_project=True)


# --------------------------------------------------------------------------- 1. symptom vs cause
LOCK_FILES = {
    "shop/__init__.py": "",
    "shop/celery.py": CELERY,
    "suppliers/__init__.py": "",
    "suppliers/models.py": MODELS,
    "suppliers/client.py": '''import requests


class SupplierError(Exception):
    pass


class SupplierClient:
    base_url = "https://api.supplier.example/v2"

    def _post(self, path, payload):
        response = requests.post(self.base_url + path, json=payload, timeout=10)
        if response.status_code >= 400:
            raise SupplierError(f"{response.status_code} from supplier: {response.text}")
        return response.json()

    def push_prices(self, rows):
        return self._post("/prices", {"rows": rows})
''',
    "suppliers/jobs.py": '''import logging

from celery import shared_task
from django.core.cache import cache

from .client import SupplierClient
from .models import Product

logger = logging.getLogger(__name__)
LOCK_KEY = "suppliers:sync-prices:lock"


@shared_task
def sync_prices():
    if not cache.add(LOCK_KEY, "1", timeout=None):
        logger.info("price sync already running, skipping")
        return 0
    rows = [{"sku": p.sku, "price": str(p.price)} for p in Product.objects.only("sku", "price")]
    SupplierClient().push_prices(rows)
    cache.delete(LOCK_KEY)
    return len(rows)
''',
}

LOCK_REPORT = BugReport(
    component_type="scheduled-job",
    component_name="supplier price sync (celery beat: suppliers.jobs.sync_prices)",
    bug_description="Since the supplier API had an outage on Monday the price sync is stuck: it logs 'already "
                    "running, skipping' and skips every run. The lock is never released after the failed run.",
    expected_behavior="A failed run releases its lock so the next run (15 minutes later) syncs the prices.",
    actual_behavior="Every run after the failure skips; prices at the supplier are days old.",
    error_message='''Traceback (most recent call last):
  File "/srv/app/suppliers/jobs.py", line 19, in sync_prices
    SupplierClient().push_prices(rows)
  File "/srv/app/suppliers/client.py", line 18, in push_prices
    return self._post("/prices", {"rows": rows})
  File "/srv/app/suppliers/client.py", line 14, in _post
    raise SupplierError(f"{response.status_code} from supplier: {response.text}")
suppliers.client.SupplierError: 503 from supplier: maintenance
''',
)


def test_lock_owner_beats_the_deepest_frame(tmp_path) -> None:
    index = _write(tmp_path, LOCK_FILES)
    parsed = ParsedError(exceptions=(ExceptionRecord("suppliers.client.SupplierError", "503 from supplier", (
        _frame("suppliers/jobs.py", 19, "sync_prices"),
        _frame("suppliers/client.py", 18, "push_prices"),
        _frame("suppliers/client.py", 14, "_post"))),))
    assert symptom_kinds(LOCK_REPORT).get("lock")
    suspects = rank_suspects(index, LOCK_REPORT, component=_component(index, "sync_prices"), parsed=parsed)
    order = [(s.file, s.symbol) for s in suspects]
    assert order[0] == ("suppliers/jobs.py", "sync_prices"), order
    assert order.index(("suppliers/client.py", "SupplierClient._post")) > 0
    top = suspects[0].evidence
    assert any("lock acquired at line 15" in e and "outside a finally" in e for e in top), top
    assert any("owns the resource" in e for e in top), top
    deepest = next(s for s in suspects if s.symbol == "SupplierClient._post")
    assert any("surfaced here" in e for e in deepest.evidence)


def test_lock_released_in_finally_is_no_hazard(tmp_path) -> None:
    fixed = dict(LOCK_FILES)
    fixed["suppliers/jobs.py"] = LOCK_FILES["suppliers/jobs.py"].replace(
        '''    SupplierClient().push_prices(rows)
    cache.delete(LOCK_KEY)
''', '''    try:
        SupplierClient().push_prices(rows)
    finally:
        cache.delete(LOCK_KEY)
''')
    index = _write(tmp_path, fixed)
    fn = index.lookup_function("suppliers.jobs.sync_prices")
    assert not [h for h in function_hazards(index, fn) if h.kind == "lock"]


# --------------------------------------------------------------------------- 2. reach into callees
SEARCH_FILES = {
    "shop/__init__.py": "",
    "shop/celery.py": CELERY.replace("suppliers.jobs.sync_prices", "catalog.tasks.rebuild_search_index"),
    "catalog/__init__.py": "",
    "catalog/models.py": MODELS,
    "catalog/documents.py": '''from .models import Product


def as_document(product):
    return {"id": product.pk, "sku": product.sku, "title": product.name, "body": product.description}


def build_documents():
    products = list(Product.objects.all())
    return [as_document(p) for p in products]
''',
    "catalog/search.py": '''import requests

SEARCH_URL = "http://search:9200/catalog/_bulk"


def push(documents):
    for start in range(0, len(documents), 1000):
        requests.post(SEARCH_URL, json=documents[start:start + 1000], timeout=30)
''',
    "catalog/tasks.py": '''import logging

from celery import shared_task

from .documents import build_documents
from .search import push

logger = logging.getLogger(__name__)


@shared_task
def rebuild_search_index():
    """Nightly: rebuild the catalog search index from the products table."""
    documents = build_documents()
    push(documents)
    logger.info("search index rebuilt: %d products", len(documents))
    return len(documents)
''',
}

SEARCH_REPORT = BugReport(
    component_type="background-worker",
    component_name="nightly search index rebuild (Celery task catalog.tasks.rebuild_search_index)",
    bug_description="Since the catalogue passed two million products the nightly rebuild never finishes: the "
                    "worker's memory grows to 7 GB and the kernel OOM killer kills it.",
    expected_behavior="The rebuild runs in bounded memory whatever the size of the catalogue.",
    actual_behavior="Worker killed (signal 9), memory grows until it is killed; the index is days old.",
)


def test_helper_in_another_module_that_loads_the_table(tmp_path) -> None:
    index = _write(tmp_path, SEARCH_FILES)
    suspects = rank_suspects(index, SEARCH_REPORT, component=_component(index, "rebuild_search_index"))
    top = suspects[0]
    assert (top.file, top.symbol) == ("catalog/documents.py", "build_documents"), suspects[:3]
    assert any("memory hazard" in e and "1 call(s) from the component" in e for e in top.evidence), top.evidence


# --------------------------------------------------------------------------- 3. nothing but the report
PRICING_FILES = {
    "shop/__init__.py": "",
    "shop/celery.py": CELERY.replace("suppliers.jobs.sync_prices", "billing.tasks.invoice_wholesale_orders"),
    "billing/__init__.py": "",
    "billing/models.py": MODELS + '''

class Order(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    quantity = models.IntegerField()
    invoiced = models.BooleanField(default=False)
    total = models.DecimalField(max_digits=10, decimal_places=2, null=True)
''',
    "billing/pricing.py": '''from decimal import Decimal

TIERS = ((100, Decimal("0.80")), (10, Decimal("0.90")))


def unit_price(product, quantity):
    """Wholesale tiers: 10 or more units 10% off, 100 or more units 20% off."""
    for minimum, factor in TIERS:
        if quantity > minimum:
            return product.price * factor
    return product.price
''',
    "billing/invoices.py": '''from .pricing import unit_price


def order_total(order):
    return unit_price(order.product, order.quantity) * order.quantity


def invoice(order):
    order.total = order_total(order)
    order.invoiced = True
    order.save(update_fields=["total", "invoiced"])
    return order.total
''',
    "billing/notifications.py": '''from django.core.mail import send_mail


def mail_invoice(order):
    send_mail(f"Invoice for order {order.pk}", f"Your wholesale order total is {order.total}.",
              "billing@shop.example", [order.customer_email])


def mail_price_list(customer, products):
    lines = [f"{p.sku} {p.name}: unit price {p.price}" for p in products]
    send_mail("Price list", "\\n".join(lines), "billing@shop.example", [customer.email])
''',
    "billing/tasks.py": '''from celery import shared_task

from .invoices import invoice
from .models import Order


@shared_task
def invoice_wholesale_orders():
    for order in Order.objects.filter(invoiced=False).select_related("product").iterator():
        invoice(order)
''',
}

PRICING_REPORT = BugReport(
    component_type="background-worker",
    component_name="wholesale invoicing (Celery task billing.tasks.invoice_wholesale_orders)",
    bug_description="Customers who order exactly 100 units (or exactly 10) are invoiced at the wrong unit price: "
                    "the tier discount is not applied at the tier's minimum quantity.",
    expected_behavior="10 or more units get 10% off the unit price, 100 or more units 20% off.",
    actual_behavior="An order of 100 units is invoiced at 90% of the unit price, an order of 10 at the full price.",
)


def test_no_traceback_no_finding_no_tests_ranks_functions_by_reach_and_words(tmp_path) -> None:
    index = _write(tmp_path, PRICING_FILES)
    suspects = rank_suspects(index, PRICING_REPORT, component=_component(index, "invoice_wholesale_orders"))
    order = [(s.file, s.symbol) for s in suspects]
    assert order[0] == ("billing/pricing.py", "unit_price"), order[:4]
    assert ("billing/notifications.py", "mail_price_list") not in order[:3]
    assert all(s.evidence for s in suspects)
    assert any("text similarity" in e for e in suspects[0].evidence)


# --------------------------------------------------------------------------- 1b. the helper opens, the caller owns
CONN_FILES = {
    "shop/__init__.py": "",
    "shop/celery.py": CELERY.replace("suppliers.jobs.sync_prices", "mirror.tasks.copy_rates"),
    "mirror/__init__.py": "",
    "mirror/legacy.py": '''import sqlite3

MIRROR = "/data/rates.sqlite"


def open_mirror():
    conn = sqlite3.connect(f"file:{MIRROR}?mode=ro", uri=True, timeout=5)
    conn.row_factory = sqlite3.Row
    return conn


def rates(conn):
    return conn.execute("select code, rate from rates").fetchall()
''',
    "mirror/tasks.py": '''from celery import shared_task

from . import legacy


@shared_task
def copy_rates():
    conn = legacy.open_mirror()
    rows = legacy.rates(conn)
    conn.close()
    return len(rows)
''',
}


def test_connection_factory_hands_ownership_to_the_caller(tmp_path) -> None:
    index = _write(tmp_path, CONN_FILES)
    report = BugReport(
        component_type="background-worker", component_name="rate copy (Celery task mirror.tasks.copy_rates)",
        bug_description="After the mirror file was missing for an hour the worker fails with 'too many open files' "
                        "on every task: connections are never closed when reading the rates fails.",
        expected_behavior="Connections are closed whatever happens.", actual_behavior="too many open files")
    parsed = ParsedError(exceptions=(ExceptionRecord("sqlite3.OperationalError", "unable to open database file", (
        _frame("mirror/tasks.py", 9, "copy_rates"), _frame("mirror/legacy.py", 13, "rates"))),))
    suspects = rank_suspects(index, report, component=_component(index, "copy_rates"), parsed=parsed)
    assert (suspects[0].file, suspects[0].symbol) == ("mirror/tasks.py", "copy_rates"), suspects[:3]
    opener = index.lookup_function("mirror.legacy.open_mirror")
    assert not [h for h in function_hazards(index, opener) if h.kind == "resource"]


def test_symptom_words_point_to_bug_classes() -> None:
    def kinds(text: str) -> dict[str, float]:
        return symptom_kinds(BugReport("background-worker", "x", text, "", ""))

    assert "idempotency" in kinds("customers get the reminder twice")
    assert "lock" in kinds("the job is stuck and skips every run")
    assert "date_bounds" in kinds("the last day of the month is missing from the report")
    assert "lost_update" in kinds("lost counts: the total is wrong under load")
    assert "swallow" in kinds("failed deliveries are never retried")
    assert "enqueue_commit" in kinds("Order.DoesNotExist right after the order is created")
    assert not kinds("the page title has a typo")
