"""Form matrices of the W4/W5/W6 worker rules (issue 8): one fixture project per rule under
``tests/data/forms/``, one form per file. Every ``p*`` form is found exactly (file, line, symbol), and
where a fix exists it is exactly the one under ``<project>.expected/<file>@<line>/``; every ``q*`` form
is quiet. The table says which axis each form varies."""
from __future__ import annotations

from pathlib import Path

import pytest

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

load_all_rules()
FORMS = Path(__file__).parent / "data" / "forms"

#: rule -> (project, {(file, line, symbol): (fixed?, axis)}, quiet files)
MATRIX: dict[str, tuple[str, dict[tuple[str, int, str], tuple[bool, str]], tuple[str, ...]]] = {
    "WRK401": ("w4", {
        ("loyalty/forms/p01_task_get.py", 9, "award_points"): (True, "Model.objects.get in the task body"),
        ("loyalty/forms/p02_related_fk.py", 10, "scan_card"): (True, "forward FK access card.member"),
        ("loyalty/forms/p03_loop_queryset.py", 9, "monthly_bonus"): (True, "loop variable over a queryset"),
        ("loyalty/forms/p04_param_annotated.py", 5, "credit"): (True, "parameter with a model type hint"),
        ("loyalty/forms/p05_param_call_site.py", 7, "bump_visits"): (True, "parameter: the caller passes a row"),
        ("loyalty/forms/p06_helper_return.py", 9, "charge"): (True, "helper in another module returns it"),
        ("loyalty/models.py", 26, "Member.register_visit"): (True, "model method on self (p07 calls it)"),
        ("loyalty/forms/p08_service_class.py", 10, "PointsService.redeem"): (True, "service class, method helper"),
        ("loyalty/forms/p09_get_or_create.py", 10, "count_scan"): (True, "get_or_create()[0]"),
        ("loyalty/forms/p10_reverse_related.py", 10, "use_all_cards"): (True, "reverse manager member.cards.all()"),
        ("loyalty/forms/p11_custom_manager.py", 9, "vip_welcome"): (True, "custom QuerySet method .vip()"),
        ("loyalty/forms/p11_custom_manager.py", 16, "active_bonus"): (True, "custom manager Member.active_members"),
        ("loyalty/forms/p12_nested_closure.py", 11, "double_visit"): (True, "nested function, closure variable"),
        ("loyalty/forms/p13_module_alias.py", 9, "refund"): (True, "module alias, tuple-unpacked get_or_create"),
        ("loyalty/forms/p14_receiver.py", 12, "count_card_use"): (True, "post_save receiver, instance.member"),
        ("loyalty/forms/p15_rq_job.py", 9, "grant_points"): (True, "django-rq @job"),
        ("loyalty/forms/p16_checked_before_save.py", 13, "spend"): (False, "new value checked before the save"),
        ("loyalty/forms/p17_unrelated_row_locked.py", 13, "count_scan"): (True, "the caller locks a row the "
                                                                               "counter does not belong to"),
    }, ("loyalty/forms/q01_select_for_update.py", "loyalty/forms/q02_f_expression.py",
        "loyalty/forms/q03_caller_holds_lock.py", "loyalty/forms/q04_not_a_model.py",
        "loyalty/forms/q05_no_read.py", "loyalty/forms/q06_locked_loop.py",
        "loyalty/forms/q07_parent_locked_by_helper.py")),  # the caller locks the parent row through a helper
    "WRK501": ("w5", {
        ("shop/forms/p01_instance_get.py", 7, "place"): (True, "instance from .get(): pass pk, re-fetch"),
        ("shop/forms/p02_related_fk.py", 7, "line_added"): (True, "related chain line.order.customer"),
        ("shop/forms/p03_queryset.py", 6, "audit_recent"): (True, "queryset: pks sent, re-queried in the task"),
        ("shop/forms/p04_set_literal.py", 5, "restock_two"): (True, "set literal: list sent, set() in the task"),
        ("shop/forms/p05_tuple.py", 5, "dispatch"): (True, "tuple comes back a list: tuple() in the task"),
        ("shop/forms/p06_int_key_dict.py", 6, "clear_discontinued"): (True, "dict comprehension keyed by pk"),
        ("shop/forms/p07_helper_built.py", 6, "nightly_totals"): (False, "int-key dict built by a helper in "
                                                                        "another module; another caller sends "
                                                                        "str keys, so int() is not sound"),
        ("shop/forms/p08_apply_async_set.py", 5, "tag"): (True, "apply_async(args=[set(...)]), module alias"),
        ("shop/forms/p09_loop_on_commit.py", 9, "notify_all"): (True, "loop variable captured by an on_commit "
                                                                      "lambda default"),
        ("shop/forms/p10_annotated_param.py", 7, "CheckoutService.finish"): (True, "service method, type-hinted "
                                                                                  "parameter, kwargs dict"),
        ("shop/forms/p11_signature.py", 7, "notify_later"): (True, "signature .s(x).apply_async()"),
        ("shop/forms/p12_send_task.py", 7, "notify_by_name"): (True, "app.send_task by name"),
        ("shop/models.py", 19, "Order.confirm"): (True, "model method passes self"),
    }, ("shop/forms/q01_pk.py", "shop/forms/q02_values_list.py", "shop/forms/q03_str_keys.py",
        "shop/forms/q04_rq_pickles.py", "shop/forms/q05_pickle_task.py", "shop/forms/q06_list.py",
        "shop/forms/q07_tuple_unpacked.py", "shop/forms/q08_int_keys_not_looked_up.py")),
    "WRK601": ("w6", {
        ("pings/forms/p01_for_all.py", 8, "recheck_all"): (True, "for over Model.objects.all() in the task"),
        ("pings/forms/p02_list_helper.py", 8, "export_names"): (False, "list() of a helper's queryset"),
        ("pings/forms/p03_len.py", 8, "count_pings"): (True, "len(qs) -> .count()"),
        ("pings/forms/p04_truthiness.py", 9, "any_checks"): (True, "if qs: -> .exists()"),
        ("pings/forms/p05_for_helper_other_module.py", 8, "purge"): (True, "for over a helper in another module"),
        ("pings/forms/p06_custom_queryset_method.py", 8, "trim_bodies"): (True, "custom QuerySet method (range)"),
        ("pings/forms/p07_range_variable.py", 14, "weekly_digest"): (True, "one-sided range filter in a variable"),
        ("pings/forms/p08_comprehension.py", 8, "check_names"): (False, "dict comprehension over the table"),
        ("pings/forms/p09_service_method.py", 9, "StatusReport.build"): (True, "service object's method the task "
                                                                               "calls"),
        ("pings/forms/p10_rq_job.py", 8, "reindex"): (True, "django-rq @job"),
        ("pings/forms/p11_bool_call.py", 8, "has_checks"): (True, "bool(helper()) -> .exists()"),
        ("pings/forms/p12_not_queryset.py", 9, "alert_if_silent"): (True, "if not qs: -> .exists()"),
        ("pings/forms/p13_nested_function.py", 9, "reset_statuses"): (True, "nested function in the task"),
        ("pings/forms/p14_list_into_variable.py", 12, "archive_bodies"): (True, "list() of a helper's queryset "
                                                                            "(range + exclude) in a variable, "
                                                                            "then a truth test, len() and one "
                                                                            "loop -> stream, .exists(), .count()"),
        ("pings/forms/p15_some_rows_kept.py", 9, "mark_down_unknown"): (True, "only some rows kept for the bulk "
                                                                             "update: streaming bounds memory"),
        ("pings/management/commands/reset_statuses.py", 10, "Command.handle"): (True, "management command run by "
                                                                                      "cron (deploy/crontab)"),
        ("pings/forms/p16_window_generator.py", 9, "iter_bodies"): (True, "a window of the caller's width in a "
                                                                         "generator yielding each row"),
    }, ("pings/forms/q01_iterator.py", "pings/forms/q09_window_loop.py", "pings/forms/q02_sliced.py", "pings/forms/q03_equality_filter.py",
        "pings/forms/q04_values_list.py", "pings/forms/q05_related_manager.py",
        "pings/forms/q06_not_worker_code.py", "pings/forms/q07_count.py",
        "pings/forms/q08_rows_kept_for_bulk_update.py",  # every row kept for bulk_update anyway
        "pings/management/commands/rename_checks.py")),  # a one-off admin command nothing schedules
}


def _check(code: str):
    project, _expected, _quiet = MATRIX[code]
    index = RepoIndex.build(FORMS / project)
    rule = REGISTRY[code]()
    return index, rule, list(rule.check(CheckContext(index)))


@pytest.mark.parametrize("code", sorted(MATRIX))
def test_every_form_found_exactly_and_quiet_forms_quiet(code: str) -> None:
    project, expected, quiet = MATRIX[code]
    _index, _rule, found = _check(code)
    assert {(f.file, f.line, f.symbol) for f in found} == set(expected)
    # the matrix is real: every positive and quiet file exists, and has the size the issue asks for
    assert len(expected) >= 10 and len(quiet) >= 5
    for path in quiet:
        assert (FORMS / project / path).is_file(), path


@pytest.mark.parametrize("code", sorted(MATRIX))
def test_every_fixable_form_fixed_exactly(code: str) -> None:
    project, expected, _quiet = MATRIX[code]
    index, rule, found = _check(code)
    root = FORMS / f"{project}.expected"
    for f in found:
        fixed, axis = expected[(f.file, f.line, f.symbol)]
        patch = rule.fix(index, f) if f.fixable else None
        assert (patch is not None) == fixed, (f.file, f.line, axis)
        if patch is None:
            continue
        want = root / f"{f.file}@{f.line}"
        changed = {c.path: c.new for c in patch.changes}
        assert set(changed) == {p.relative_to(want).as_posix() for p in want.rglob("*.py")}, (f.file, axis)
        for path, new in changed.items():
            assert new == (want / path).read_text(), (f.file, f.line, axis, path)
