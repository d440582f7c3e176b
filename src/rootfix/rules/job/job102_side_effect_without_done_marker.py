"""JOB102: a job causes a side effect per row and never records that it did."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from rootfix.rules.base import CheckContext, DirectTest, Example, ProjectTestCalls, Rule
from rootfix.rules.job._lib.blocks import is_test_code
from rootfix.rules.job._common import add_timezone_import, django_timezone_name, preferred_quote
from rootfix.rules.job._lib.job_test import entry_call, patch_target
from rootfix.rules.job._lib.markers import UnmarkedLoop, unmarked_loops
from rootfix.rules.job._lib.replay import module_function_entry
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

_MODELS = (
    "from django.db import models\n\n\n"
    "class Reminder(models.Model):\n"
    "    phone = models.CharField(max_length=20)\n"
    "    due_at = models.DateTimeField()\n"
    "    sent_at = models.DateTimeField(null=True, blank=True)\n")


class SideEffectWithoutDoneMarker(Rule):
    """A job sends (charges, posts, notifies) for every matching row and never marks the row done.

    ## What it does
    Finds loops over a model's rows (`for r in Reminder.objects.filter(due_at__lte=now)`) that cause a side
    effect per row - `send*`, `notify*`, `*mail*`, `sms`, `charge*`, `post`, `publish*`, `.delay()` - when
    the model has a done-marker field (a nullable `sent_at`/`notified_at`/`processed_at`, or a boolean
    `sent`/`is_processed`) and the job neither sets it nor writes the row in any other way.

    ## Why is this bad?
    The job's filter still matches every row it already handled, so the next run - the next tick, a beat
    that fires twice, a manual re-run after a crash - sends every reminder again. Customers get the same SMS
    each hour until the row falls out of the filter.

    ## Example
    ```python
    @register_job("every 10 minutes")
    def send_due_reminders():
        for reminder in Reminder.objects.filter(due_at__lte=timezone.now()):
            sms.send(reminder.phone, "Your appointment is tomorrow")
    ```

    ## Use instead
    ```python
    @register_job("every 10 minutes")
    def send_due_reminders():
        for reminder in Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True):
            sms.send(reminder.phone, "Your appointment is tomorrow")
            reminder.sent_at = timezone.now()
            reminder.save(update_fields=["sent_at"])
    ```

    ## Fix safety
    Unsafe: the fix filters on the marker (`sent_at__isnull=True` / `sent=False`) and sets it after each
    row's side effect, in the same loop. Rows marked by other code are no longer processed, and the marker
    is written by this job from now on; a crash between the side effect and the save can still repeat one
    row (at-least-once). Only offered when the marker field exists on the model.
    """

    code = "JOB102"
    name = "side-effect-without-done-marker"
    bug_class = "S1"
    component_types = ("scheduled-job", "cli-tool", "background-worker")
    fix_safety = "unsafe"

    VALID = (
        Example(path="clinic/jobs.py", files=(("clinic/models.py", _MODELS),), code=(
            "from django.utils import timezone\n\nfrom clinic import sms\nfrom clinic.models import Reminder\n\n\n"
            "def send_due_reminders():\n"
            "    for reminder in Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True):\n"
            "        sms.send(reminder.phone, 'See you tomorrow')\n"
            "        reminder.sent_at = timezone.now()\n"
            "        reminder.save(update_fields=['sent_at'])\n")),
        Example(path="clinic/jobs.py", files=(("clinic/models.py", _MODELS),), code=(  # marked in bulk afterwards
            "from django.utils import timezone\n\nfrom clinic import sms\nfrom clinic.models import Reminder\n\n\n"
            "def send_due_reminders():\n"
            "    due = Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True)\n"
            "    for reminder in due:\n"
            "        sms.send(reminder.phone, 'See you tomorrow')\n"
            "    due.update(sent_at=timezone.now())\n")),
        Example(path="clinic/jobs.py", files=(("clinic/models.py", (  # no marker field: nothing to set
            "from django.db import models\n\n\nclass Patient(models.Model):\n"
            "    phone = models.CharField(max_length=20)\n    wants_digest = models.BooleanField(default=True)\n")),),
            code=(
            "from clinic import sms\nfrom clinic.models import Patient\n\n\n"
            "def send_weekly_digest():\n"
            "    for patient in Patient.objects.filter(wants_digest=True):\n"
            "        sms.send(patient.phone, 'Your week')\n")),
        Example(path="clinic/jobs.py", files=(("clinic/models.py", _MODELS),), code=(  # no side effect: a report
            "from clinic.models import Reminder\n\n\n"
            "def count_due():\n"
            "    total = 0\n"
            "    for reminder in Reminder.objects.filter(sent_at__isnull=True):\n"
            "        total += 1\n"
            "    return total\n")),
        Example(path="catalog/jobs.py", files=(("catalog/models.py", (  # last_synced_at: a time, not "done"
            "from django.db import models\n\n\nclass Listing(models.Model):\n"
            "    active = models.BooleanField(default=True)\n"
            "    last_synced_at = models.DateTimeField(null=True)\n")),),
            code=(
            "from catalog import marketplace\nfrom catalog.models import Listing\n\n\n"
            "def push_listings():\n"
            "    for listing in Listing.objects.filter(active=True):\n"
            "        marketplace.push_listing(listing.pk)\n")),
    )
    INVALID = (
        Example(path="clinic/jobs.py", files=(("clinic/models.py", _MODELS),), code=(
            "from django.utils import timezone\n\nfrom clinic import sms\nfrom clinic.models import Reminder\n\n\n"
            "def send_due_reminders():\n"
            "    for reminder in Reminder.objects.filter(due_at__lte=timezone.now()):\n"
            "        sms.send(reminder.phone, 'See you tomorrow')\n"),
            fixed=(
            "from django.utils import timezone\n\nfrom clinic import sms\nfrom clinic.models import Reminder\n\n\n"
            "def send_due_reminders():\n"
            "    for reminder in Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True):\n"
            "        sms.send(reminder.phone, 'See you tomorrow')\n"
            "        reminder.sent_at = timezone.now()\n"
            "        reminder.save(update_fields=['sent_at'])\n")),
        Example(path="billing/tasks.py", files=(("billing/models.py", (  # boolean marker, celery task, .delay()
            "from django.db import models\n\n\nclass Invoice(models.Model):\n"
            "    overdue = models.BooleanField(default=False)\n    notified = models.BooleanField(default=False)\n")),),
            code=(
            "from celery import shared_task\n\nfrom billing.models import Invoice\nfrom billing.mail import send_dunning\n\n\n"
            "@shared_task\n"
            "def dun_overdue_invoices():\n"
            "    overdue = Invoice.objects.filter(overdue=True).select_related('customer')\n"
            "    for invoice in overdue:\n"
            "        send_dunning.delay(invoice.pk)\n"),
            fixed=(
            "from celery import shared_task\n\nfrom billing.models import Invoice\nfrom billing.mail import send_dunning\n\n\n"
            "@shared_task\n"
            "def dun_overdue_invoices():\n"
            "    overdue = Invoice.objects.filter(overdue=True, notified=False).select_related('customer')\n"
            "    for invoice in overdue:\n"
            "        send_dunning.delay(invoice.pk)\n"
            "        invoice.notified = True\n"
            "        invoice.save(update_fields=['notified'])\n")),
        Example(path="alerts/management/commands/page_oncall.py", files=(("alerts/models.py", (
            "from django.db import models\n\n\nclass Incident(models.Model):\n"
            "    severity = models.IntegerField()\n    paged_at = models.DateTimeField(null=True)\n"
            "    notified_at = models.DateTimeField(null=True)\n")),),
            code=(  # management command run by cron; already filters on the marker but never sets it
            "from django.core.management.base import BaseCommand\n\n"
            "from alerts import pager\nfrom alerts.models import Incident\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        for incident in Incident.objects.filter(severity__gte=3, notified_at__isnull=True):\n"
            "            self.stdout.write(f'paging for {incident.pk}')\n"
            "            pager.notify_oncall(incident.pk)\n"),
            fixed=(
            "from django.core.management.base import BaseCommand\n"
            "from django.utils import timezone\n\n"
            "from alerts import pager\nfrom alerts.models import Incident\n\n\n"
            "class Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n"
            "        for incident in Incident.objects.filter(severity__gte=3, notified_at__isnull=True):\n"
            "            self.stdout.write(f'paging for {incident.pk}')\n"
            "            pager.notify_oncall(incident.pk)\n"
            "            incident.notified_at = timezone.now()\n"
            "            incident.save(update_fields=[\"notified_at\"])\n")),
        Example(path="library/notices.py", files=(("library/models.py", (  # helper module, send_mail, bool marker
            "from django.db import models\n\n\nclass Loan(models.Model):\n"
            "    email = models.EmailField()\n    due = models.DateField()\n"
            "    is_notified = models.BooleanField(default=False)\n")),),
            code=(
            "from django.core.mail import send_mail\nfrom django.utils import timezone\n\n"
            "from library.models import Loan\n\n\n"
            "def notify_overdue_loans():\n"
            "    overdue = Loan.objects.filter(due__lt=timezone.localdate())\n"
            "    for loan in overdue.iterator():\n"
            "        send_mail('Overdue', 'Please return your book', 'desk@example.org', [loan.email])\n"),
            fixed=(
            "from django.core.mail import send_mail\nfrom django.utils import timezone\n\n"
            "from library.models import Loan\n\n\n"
            "def notify_overdue_loans():\n"
            "    overdue = Loan.objects.filter(due__lt=timezone.localdate(), is_notified=False)\n"
            "    for loan in overdue.iterator():\n"
            "        send_mail('Overdue', 'Please return your book', 'desk@example.org', [loan.email])\n"
            "        loan.is_notified = True\n"
            "        loan.save(update_fields=['is_notified'])\n")),
        Example(path="lettings/jobs.py", files=(("lettings/models.py", (  # marker named after what was sent
            "from django.db import models\n\n\nclass Tenancy(models.Model):\n"
            "    ends_on = models.DateField()\n"
            "    renewal_notice_sent_at = models.DateTimeField(null=True, blank=True)\n")),),
            code=(  # filters on the marker, sends in try/except-continue, never sets it
            "import logging\n\nfrom django.utils import timezone\n\nfrom lettings import letters\n"
            "from lettings.models import Tenancy\n\nlog = logging.getLogger(__name__)\n\n\n"
            "def send_renewal_notices(today=None):\n"
            "    today = today or timezone.localdate()\n"
            "    for tenancy in Tenancy.objects.filter(ends_on__lte=today, renewal_notice_sent_at__isnull=True):\n"
            "        try:\n"
            "            letters.send_renewal_notice(tenancy)\n"
            "        except OSError:\n"
            "            log.exception('renewal notice for %s failed', tenancy.pk)\n"
            "            continue\n"),
            fixed=(
            "import logging\n\nfrom django.utils import timezone\n\nfrom lettings import letters\n"
            "from lettings.models import Tenancy\n\nlog = logging.getLogger(__name__)\n\n\n"
            "def send_renewal_notices(today=None):\n"
            "    today = today or timezone.localdate()\n"
            "    for tenancy in Tenancy.objects.filter(ends_on__lte=today, renewal_notice_sent_at__isnull=True):\n"
            "        try:\n"
            "            letters.send_renewal_notice(tenancy)\n"
            "        except OSError:\n"
            "            log.exception('renewal notice for %s failed', tenancy.pk)\n"
            "            continue\n"
            "        tenancy.renewal_notice_sent_at = timezone.now()\n"
            "        tenancy.save(update_fields=['renewal_notice_sent_at'])\n")),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if is_test_code(fn.file, fn.node.name):
                continue
            module = ctx.index.module_of(fn)
            for hit in unmarked_loops(ctx.index, module, fn.node):
                model = hit.model.rsplit(".", 1)[-1]
                how = (f"filters on `{model}.{hit.marker.field}` but never sets it" if hit.filter_call is None
                       else f"neither filters on nor sets `{model}.{hit.marker.field}`")
                yield self.finding(fn, hit.effect, (
                    f"`{ast.unparse(hit.effect.func)}()` runs for every {model} the loop matches, and the job {how}: "
                    f"every rerun repeats it for the rows already done; set `{hit.marker.field}` in the same loop"))

    def _target(self, index: "RepoIndex", finding: Finding) -> tuple["FunctionInfo", UnmarkedLoop] | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        for hit in unmarked_loops(index, index.module_of(fn), fn.node):
            if hit.effect.lineno == finding.line and hit.effect.col_offset == finding.col:
                return fn, hit
        return None

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        target = self._target(index, finding)
        if target is None:
            return None
        fn, hit = target
        module = index.by_path[finding.file]
        if hit.filter_call is None and not _filters_on(hit):
            return None  # `.all()`: no filter to add the condition to
        tz = django_timezone_name(index, module)
        source = module.source
        value = hit.marker.set_value(tz)
        quote = preferred_quote(source)
        new = _edit(source, hit, value, quote)
        if new is None:
            return None
        if hit.marker.kind == "datetime" and tz not in {k for k, v in module.imports.items()
                                                         if v == "django.utils.timezone"}:
            new = add_timezone_import(new, tz, frozenset(m.split(".")[0] for m in index.modules))
        cst.parse_module(new)
        return Patch(changes=(FileChange(finding.file, source, new),))

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Replay each project test that runs the job, then run the job again: it must not repeat the
        side effect (the rows the first run handled are done)."""
        target = self._target(index, finding)
        if target is None:
            return None
        fn, hit = target
        module = index.module_of(fn)
        entry = entry_call(index, fn)
        effect = patch_target(module, hit.effect, fn.class_name)
        if entry is None or effect is None:
            return None
        model = hit.model.rsplit(".", 1)[-1]
        func = module_function_entry(entry[1])
        # rerun with the arguments the scenario ran the job with, when the job is a module function
        run = ("job_called_with", "job102_run_recorded") if func is not None else ("job102_run_plain",)
        return DirectTest(fn.symbol, fn.file, ("job102_no_repeat_head", *run, "job102_no_repeat_check"), dict(
            effect_call=ast.unparse(hit.effect.func), model=model, marker=hit.marker.field, entry_imports=entry[0],
            effect_repr=repr(effect), func=func or "", run=entry[1]),
            calls=ProjectTestCalls(fn, "_rerun_does_not_repeat"))


def _filters_on(hit: UnmarkedLoop) -> bool:
    from rootfix.rules.job._lib.markers import mentions

    return mentions(hit.source, hit.marker.field)


class _Edit(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, hit: UnmarkedLoop, value: str, quote: str) -> None:
        self.hit, self.value, self.quote = hit, value, quote
        self.marked = False
        self.filtered = hit.filter_call is None

    def _at(self, node: cst.CSTNode, line: int, col: int | None = None) -> bool:
        pos = self.get_metadata(PositionProvider, node).start
        return pos.line == line and (col is None or pos.column == col)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        f = self.hit.filter_call
        if f is not None and not self.filtered and isinstance(original.func, cst.Attribute) \
                and original.func.attr.value == "filter" and self._at(original, f.lineno) \
                and self._at(original.func.attr, f.func.end_lineno, f.func.end_col_offset - len("filter")):
            key, val = self.hit.marker.unset_lookup()
            args = list(updated.args)
            new_arg = cst.Arg(keyword=cst.Name(key), value=cst.parse_expression(val),
                              equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                                    whitespace_after=cst.SimpleWhitespace("")))
            if args:
                args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            self.filtered = True
            return updated.with_changes(args=[*args, new_arg])
        return updated

    def leave_For(self, original: cst.For, updated: cst.For) -> cst.For:
        if self.marked or not self._at(original, self.hit.loop.lineno):
            return updated
        body = list(updated.body.body)  # type: ignore[attr-defined]
        lines = [self.get_metadata(PositionProvider, s).start.line for s in original.body.body]  # type: ignore[attr-defined]
        if self.hit.effect_stmt.lineno not in lines:
            return updated
        at = lines.index(self.hit.effect_stmt.lineno) + 1
        var, field, q = self.hit.var, self.hit.marker.field, self.quote
        added = [cst.parse_statement(f"{var}.{field} = {self.value}\n"),
                 cst.parse_statement(f"{var}.save(update_fields=[{q}{field}{q}])\n")]
        self.marked = True
        return updated.with_changes(body=updated.body.with_changes(body=[*body[:at], *added, *body[at:]]))


def _edit(source: str, hit: UnmarkedLoop, value: str, quote: str) -> str | None:
    wrapper = MetadataWrapper(cst.parse_module(source))
    tr = _Edit(hit, value, quote)
    new = wrapper.visit(tr)
    return new.code if tr.marked and tr.filtered else None
