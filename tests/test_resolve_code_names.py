"""Names as users write them: module:attr, dotted paths, Class.method, files; and never giving up silently."""
from __future__ import annotations

import pytest

from conftest import FIXTURES
from rootfix.discover.components import discover_components
from rootfix.discover.index import RepoIndex
from rootfix.discover.resolve import ComponentNotFound, resolve_component
from rootfix.errors import UsageError
from rootfix.pipeline import run_localize
from rootfix.types import BugReport

APP = FIXTURES / "remindly"


@pytest.fixture(scope="module")
def app():
    index = RepoIndex.build(APP)
    return index, discover_components(index)


@pytest.mark.parametrize("ctype, name, file, symbol, flavor", [
    ("scheduled-job", "celery beat with the database scheduler (remindly.schedulers:ReminderScheduler)",
     "remindly/schedulers.py", "ReminderScheduler", "beat-scheduler"),
    ("scheduled-job", "ReminderEntry.is_due", "remindly/schedulers.py", "ReminderEntry.is_due", "function"),
    ("scheduled-job", "remindly.models:Reminder.is_expired", "remindly/models.py", "Reminder.is_expired", "function"),
    ("scheduled-job", "the change tracker (remindly.models.ReminderChanges)", "remindly/models.py", "ReminderChanges",
     "class"),
    ("scheduled-job", "remindly.schedulers", "remindly/schedulers.py", "<module>", "module"),
    ("cli-tool", "purge (`django-admin purge_reminders` in cron)", "remindly/management/commands/purge_reminders.py",
     "Command.handle", "management-command"),
])
def test_names_resolve(app, ctype, name, file, symbol, flavor):
    index, comps = app
    c = resolve_component(comps, ctype, name, index=index)
    assert (c.file, c.symbol, c.flavor) == (file, symbol, flavor)


def test_nothing_matches_says_what_was_looked_for_and_what_exists(app):
    index, comps = app
    with pytest.raises(ComponentNotFound) as exc:
        resolve_component(comps, "cli-tool", "notify_overdue (`manage.py notify_overdue` running as a service)",
                          index=index)
    msg = str(exc.value)
    assert "looked for: manage.py notify_overdue, notify_overdue" in msg
    assert "purge_reminders" in msg  # what exists
    assert isinstance(exc.value, UsageError)


def test_localize_from_the_report_when_the_name_matches_nothing():
    report = BugReport(component_type="scheduled-job",
                       component_name="notify_overdue (`manage.py notify_overdue` running as a service)",
                       bug_description="Expired reminders are still sent: is_expired lets them through.",
                       expected_behavior="An expired reminder is never sent.",
                       actual_behavior="Reminders past expires_at are still sent by beat.")
    loc = run_localize(report, APP, run_tests=False)
    assert (loc.component.file, loc.component.symbol) == ("remindly/models.py", "Reminder.is_expired")
    assert any("looked for" in n and "localizing from the report" in n for n in loc.notes), loc.notes
    assert loc.suspects and loc.suspects[0].symbol == "Reminder.is_expired"
    # a traceback frame wins over words
    tb = ('Traceback (most recent call last):\n'
          f'  File "{APP}/remindly/schedulers.py", line 25, in is_due\n'
          '    if not self.reminder.enabled or self.reminder.is_expired():\n'
          "TypeError: can't compare offset-naive and offset-aware datetimes\n")
    report = BugReport(component_type="scheduled-job", component_name="the nightly reminder thing",
                       bug_description="beat crashes", expected_behavior="e", actual_behavior="a", error_message=tb)
    loc = run_localize(report, APP, run_tests=False)
    assert (loc.component.file, loc.component.symbol) == ("remindly/schedulers.py", "ReminderEntry.is_due")
