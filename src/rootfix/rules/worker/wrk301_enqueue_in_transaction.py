"""WRK301: a background job published while a database transaction is still open."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, Example, FirstOf, GeneratedRun, InvariantRef, Replay, Rule
from rootfix.rules.worker import _enqueue as E
from rootfix.types import Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

_SETTINGS = """\
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
"""
_TASKS = """\
from celery import shared_task

from .models import Order


@shared_task
def print_kitchen_ticket(order_id):
    order = Order.objects.get(pk=order_id)
    return order.pk
"""


class EnqueueInTransaction(Rule):
    """Task enqueued inside an open database transaction.

    ## What it does
    Finds enqueues — Celery `.delay()`, `.apply_async()`, `.s(...)/.si(...)/signature(...)` then
    `.delay()`, `send_task()`, canvas `group/chain/chord` `.delay()` or called; RQ `queue.enqueue*()`,
    `django_rq.get_queue(...).enqueue()`, `django_rq.enqueue()`, `@job` functions' `.delay()`; Dramatiq
    `.send()` / `.send_with_options()`; calling a Huey task; a project dispatcher handed a task — that
    run while a database transaction is open: inside `with transaction.atomic():` (any alias, any
    `using=`), a project `@contextmanager` that wraps `atomic()`, an `@atomic` function or a project
    decorator that wraps one — directly, in a nested helper, or through project functions called there
    —, in `m2m_changed` / `*_delete` receivers (Django sends them inside its own transaction), in
    `pre_save` / `post_save` receivers fired by a save that is itself in a transaction (or by
    `get_or_create` / `update_or_create`, which open one), and in views when `ATOMIC_REQUESTS` is on.
    Enqueues deferred with `transaction.on_commit(...)`, and enqueues outside any transaction, are fine:
    `post_save` is sent after `save_base`'s own atomic block has exited.

    ## Why is this bad?
    The broker gets the message at once, but the rows the task needs are only visible to other
    connections after the commit. A worker that is quick (idle, same host) runs the task first and
    fails with `DoesNotExist`, or reads stale data; when the transaction rolls back (a later check
    raises) the task still runs, for a row that never existed. Tests do not see it: with
    `CELERY_TASK_ALWAYS_EAGER` the task runs in the test's own transaction.

    ## Example
    ```python
    with transaction.atomic():
        order = Order.objects.create(restaurant=restaurant)
        print_kitchen_ticket.delay(order.pk)
        redeem_voucher(code)  # may raise: the order is rolled back, the ticket task still runs
    ```

    ## Use instead
    ```python
    with transaction.atomic():
        order = Order.objects.create(restaurant=restaurant)
        transaction.on_commit(lambda: print_kitchen_ticket.delay(order.pk))
        redeem_voucher(code)
    ```
    Callbacks of a rolled-back transaction are discarded; outside any transaction `on_commit` runs
    the callback at once, so the change is also right for callers that are not in a transaction.

    ## Fix safety
    Safe when the enqueue is a statement of its own: it becomes `transaction.on_commit(lambda: ...)`,
    or `transaction.on_commit(partial(...))` when an argument is a loop variable, is re-bound or
    mutated later, or is computed by a call — `partial` binds the values now, as the task would have
    seen them. The fix lands where the enqueue is (also when it is reached through a helper): that
    is right for every caller. Inside `atomic(using="x")` the callback is registered on that
    database: `on_commit(..., using="x")`. When the enqueue's result (the `AsyncResult` / `Job`) is used
    by the next statements (`job = q.enqueue(...); obj.job_id = job.id; obj.save()`), the enqueue and
    those statements move into a local function passed to `on_commit`, names that change later bound
    as default arguments; no fix when the result is read after them (it would not exist yet).
    """

    code = "WRK301"
    name = "enqueue-in-transaction"
    bug_class = "W3"
    component_types = ("background-worker", "scheduled-job", "cli-tool")
    fix_safety = "safe"

    VALID = (
        Example(
            path="orders/services.py",
            code="""\
import logging

from django.db import transaction

from .models import Order
from .tasks import print_kitchen_ticket

logger = logging.getLogger(__name__)


def place_order(restaurant, lines):
    with transaction.atomic():
        order = Order.objects.create(restaurant=restaurant)
        for line in lines:
            order.lines.create(sku=line.sku, quantity=line.quantity)
        order_id = order.pk
        transaction.on_commit(lambda: print_kitchen_ticket.delay(order_id))
    logger.info("order %s placed", order.pk)
    return order
""",
            files=(("orders/tasks.py", _TASKS), ("proj/settings.py", _SETTINGS)),
        ),
        Example(  # deferred with functools.partial and a named function; enqueue after the block
            path="orders/services.py",
            code="""\
from functools import partial

from django.db.transaction import atomic, on_commit

from .models import Order
from .tasks import print_kitchen_ticket


def reopen_orders(orders):
    with atomic():
        for order in orders:
            order.status = "placed"
            order.save(update_fields=["status"])
            on_commit(partial(print_kitchen_ticket.delay, order.pk))


def close_order(order):
    def _notify():
        print_kitchen_ticket.delay(order.pk)

    with atomic():
        order.status = "closed"
        order.save(update_fields=["status"])
        on_commit(_notify)
    print_kitchen_ticket.delay(order.pk)
""",
            files=(("orders/tasks.py", _TASKS), ("proj/settings.py", _SETTINGS)),
        ),
        Example(  # a post_save receiver that defers; .delay on something that is not a task
            path="orders/signals.py",
            code="""\
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Payment
from .tasks import print_kitchen_ticket


@receiver(post_save, sender=Payment)
def payment_captured(sender, instance, created, **kwargs):
    order_id = instance.order_id
    transaction.on_commit(lambda: print_kitchen_ticket.delay(order_id))


def retry_later(client):
    with transaction.atomic():
        client.delay(5)
""",
            files=(("orders/tasks.py", _TASKS), ("proj/settings.py", _SETTINGS)),
        ),
    )

    INVALID = (
        Example(  # a helper called by a model method on a row the ORM returned, in the project's unit of work
            path="orders/dispatch.py",
            code="""\
from .tasks import print_kitchen_ticket


def announce(order):
    print_kitchen_ticket.delay(order.pk)
""",
            fixed="""\
from django.db import transaction

from .tasks import print_kitchen_ticket


def announce(order):
    transaction.on_commit(lambda: print_kitchen_ticket.delay(order.pk))
""",
            files=(
                ("orders/tasks.py", _TASKS), ("proj/settings.py", _SETTINGS), ("core/__init__.py", ""),
                ("core/db.py", "from contextlib import contextmanager\n\nfrom django.db import transaction\n\n\n"
                               "@contextmanager\ndef unit_of_work(name, *, using=None):\n"
                               "    with transaction.atomic(using=using):\n        yield name\n"),
                ("orders/models.py", "from django.db import models\n\n\nclass Order(models.Model):\n"
                                     "    status = models.CharField(max_length=10)\n\n"
                                     "    def mark_ready(self):\n        self.status = 'ready'\n"
                                     "        self.save(update_fields=['status'])\n"
                                     "        from .dispatch import announce\n\n        announce(self)\n"),
                ("orders/services.py", "from core.db import unit_of_work\n\nfrom .models import Order\n\n\n"
                                       "def ready(order_id):\n    with unit_of_work('ready'):\n"
                                       "        order = Order.objects.get(pk=order_id)\n"
                                       "        order.mark_ready()\n"),
            ),
        ),
        Example(
            path="orders/services.py",
            code="""\
import logging

from django.db import transaction

from .models import Order
from .tasks import print_kitchen_ticket

logger = logging.getLogger(__name__)


def place_order(restaurant, lines):
    with transaction.atomic():
        order = Order.objects.create(restaurant=restaurant)
        # the kitchen only needs the lines
        print_kitchen_ticket.delay(order.pk)
        for line in lines:
            order.lines.create(sku=line.sku, quantity=line.quantity)
    logger.info("order %s placed", order.pk)
    return order
""",
            fixed="""\
import logging

from django.db import transaction

from .models import Order
from .tasks import print_kitchen_ticket

logger = logging.getLogger(__name__)


def place_order(restaurant, lines):
    with transaction.atomic():
        order = Order.objects.create(restaurant=restaurant)
        # the kitchen only needs the lines
        transaction.on_commit(lambda: print_kitchen_ticket.delay(order.pk))
        for line in lines:
            order.lines.create(sku=line.sku, quantity=line.quantity)
    logger.info("order %s placed", order.pk)
    return order
""",
            files=(("orders/tasks.py", _TASKS), ("proj/settings.py", _SETTINGS)),
        ),
        Example(  # through a helper: the fix lands in the helper, where the enqueue is
            path="orders/notifications.py",
            code="""\
from .tasks import print_kitchen_ticket


def send_to_kitchen(order):
    print_kitchen_ticket.apply_async(args=[order.pk], countdown=2)
""",
            fixed="""\
from django.db import transaction

from .tasks import print_kitchen_ticket


def send_to_kitchen(order):
    transaction.on_commit(lambda: print_kitchen_ticket.apply_async(args=[order.pk], countdown=2))
""",
            files=(
                ("orders/tasks.py", _TASKS),
                ("proj/settings.py", _SETTINGS),
                ("orders/services.py", """\
from django.db.transaction import atomic

from .models import Order
from .notifications import send_to_kitchen


@atomic
def place_order(restaurant):
    order = Order.objects.create(restaurant=restaurant)
    send_to_kitchen(order)
    return order
"""),
            ),
        ),
        Example(  # loop variable: bound now with partial, keeping the module's import style
            path="orders/services.py",
            code="""\
from django.db.transaction import atomic

from .tasks import print_kitchen_ticket


def reprint_all(orders):
    with atomic():
        for order in orders:
            order.reprinted = True
            order.save(update_fields=["reprinted"])
            print_kitchen_ticket.delay(order.pk)
""",
            fixed="""\
from functools import partial

from django.db.transaction import atomic, on_commit

from .tasks import print_kitchen_ticket


def reprint_all(orders):
    with atomic():
        for order in orders:
            order.reprinted = True
            order.save(update_fields=["reprinted"])
            on_commit(partial(print_kitchen_ticket.delay, order.pk))
""",
            files=(("orders/tasks.py", _TASKS), ("proj/settings.py", _SETTINGS)),
        ),
        Example(  # post_save receiver, RQ
            path="orders/signals.py",
            code="""\
import django_rq
from django.db.models.signals import post_save
from django.dispatch import receiver

from .jobs import export_order
from .models import Order


@receiver(post_save, sender=Order)
def order_saved(sender, instance, created, **kwargs):
    if created:
        django_rq.enqueue(export_order, instance.pk)
""",
            fixed="""\
import django_rq
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .jobs import export_order
from .models import Order


@receiver(post_save, sender=Order)
def order_saved(sender, instance, created, **kwargs):
    if created:
        transaction.on_commit(lambda: django_rq.enqueue(export_order, instance.pk))
""",
            files=(
                ("orders/jobs.py", "def export_order(order_id):\n    return order_id\n"),
                ("proj/settings.py", _SETTINGS),
                # post_save is sent after save_base's own atomic block: the receiver is in a transaction
                # because this caller saves inside one
                ("orders/services.py", "from django.db import transaction\n\nfrom .models import Order\n\n\n"
                                       "@transaction.atomic\ndef place(restaurant):\n"
                                       "    return Order.objects.create(restaurant=restaurant)\n"),
            ),
        ),
        Example(  # view under ATOMIC_REQUESTS
            path="orders/views.py",
            code="""\
from django.http import JsonResponse

from .models import Order
from .tasks import print_kitchen_ticket


def create_order(request):
    order = Order.objects.create(restaurant_id=request.POST["restaurant"])
    print_kitchen_ticket.delay(order.pk)
    return JsonResponse({"id": order.pk}, status=201)
""",
            fixed="""\
from django.db import transaction
from django.http import JsonResponse

from .models import Order
from .tasks import print_kitchen_ticket


def create_order(request):
    order = Order.objects.create(restaurant_id=request.POST["restaurant"])
    transaction.on_commit(lambda: print_kitchen_ticket.delay(order.pk))
    return JsonResponse({"id": order.pk}, status=201)
""",
            files=(
                ("orders/tasks.py", _TASKS),
                ("proj/settings.py", 'DATABASES = {"default": {"NAME": "db.sqlite3", "ATOMIC_REQUESTS": True}}\n'),
            ),
        ),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        from rootfix.project import enqueue as PE
        from rootfix.project import transactions as T

        index = ctx.index
        if ctx.settings:
            index.__dict__.setdefault("_rootfix_settings", ctx.settings)
        for fn in sorted(index.functions.values(), key=lambda f: (f.file, f.line)):
            if E.is_test_code(fn.file):
                continue
            for call, enq, site in PE.enqueue_sites(index, fn):
                scope = T.scope_at(index, fn, site)
                if scope is None or T.reads_only_on_its_alias(index, fn, scope):
                    continue
                # The enqueue belongs to the published task's component (its worker is what fails), so it
                # is in scope when it publishes a project task, wherever the transaction is opened: in
                # a service, a view, or a signal receiver that no call graph reaches.
                if not (ctx.in_scope(fn) or E.publishes_project_task(enq) or self._scope_in(ctx, index, scope)):
                    continue
                related: list[tuple[str, int, str]] = []
                for hop in scope.related:
                    if hop not in related:
                        related.append(hop)
                using = f", using={scope.using}" if scope.using else ""
                yield self.finding(
                    fn, call,
                    f"{enq.describe()} publishes the job while the transaction is still open ({scope.why}): a "
                    "worker can run it before the commit (DoesNotExist) or after a rollback; defer it with "
                    f"transaction.on_commit(...{using})",
                    related=tuple(related),
                )

    @staticmethod
    def _scope_in(ctx: CheckContext, index: "RepoIndex", scope) -> bool:
        fn = index.enclosing_function(scope.file, scope.line)
        return fn is not None and ctx.in_scope(fn)

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        from rootfix.rules.worker._lib.on_commit import wrap_in_on_commit

        return wrap_in_on_commit(index, finding)

    def regression(self, index: "RepoIndex", finding: Finding) -> Replay | None:
        # Replay the tests that reach a *transaction context* (the function opening the atomic
        # block, the receiver, the view): a test reaching only the helper outside any
        # transaction would pass on the buggy code too.
        targets = []
        for path, line, why in finding.related:
            if not why.startswith(("transaction opened in", "view ")) and " receives " not in why:
                continue
            ctx_fn = index.enclosing_function(path, line)
            if ctx_fn is not None and ctx_fn not in targets:
                targets.append(ctx_fn)
        if not targets:
            return None
        # no project test reaches it: a generated run of the function that opens the transaction
        generated = []
        for path, line, why in finding.related:
            if why.startswith("transaction opened in"):
                opener = index.enclosing_function(path, line)
                if opener is not None:
                    generated.append(GeneratedRun(finding.symbol or opener.symbol, opener, publish=True))
        return Replay(finding.symbol or targets[0].symbol, tuple(targets), InvariantRef("publish-after-commit"),
                      otherwise=FirstOf(tuple(generated)))
