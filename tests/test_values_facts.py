"""The value facts (rootfix.project.values) on the W4 form project: where model instances and
querysets come from, for any spelling."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rootfix.discover.index import RepoIndex
from rootfix.project import values as V

ROOT = Path(__file__).parent / "data" / "forms"


@pytest.fixture(scope="module")
def index() -> RepoIndex:
    return RepoIndex.build(ROOT / "w4")


def _value(index: RepoIndex, qualname: str, name: str):
    fn = index.functions[qualname]
    node = next(n for n in ast.walk(fn.node) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
                and n.value.id == name and isinstance(n.ctx, ast.Store))
    scope = V.scope_at(index, fn, node)
    return V.value_of(index, fn, node.value, node.lineno, scope)


@pytest.mark.parametrize(("qualname", "name", "model", "origin"), [
    ("loyalty.forms.p02_related_fk.scan_card", "member", "loyalty.models.Member", "related"),
    ("loyalty.forms.p03_loop_queryset.monthly_bonus", "member", "loyalty.models.Member", "loop"),
    ("loyalty.forms.p04_param_annotated.credit", "member", "loyalty.models.Member", "param"),
    ("loyalty.forms.p05_param_call_site.bump_visits", "member", "loyalty.models.Member", "param"),
    ("loyalty.forms.p06_helper_return.charge", "member", "loyalty.models.Member", "helper"),
    ("loyalty.models.Member.register_visit", "self", "loyalty.models.Member", "self"),
    ("loyalty.forms.p10_reverse_related.use_all_cards", "card", "loyalty.models.Card", "loop"),
    ("loyalty.forms.p11_custom_manager.vip_welcome", "member", "loyalty.models.Member", "fetch"),
    ("loyalty.forms.p11_custom_manager.active_bonus", "member", "loyalty.models.Member", "fetch"),
    ("loyalty.forms.p12_nested_closure.double_visit", "member", "loyalty.models.Member", "fetch"),
    ("loyalty.forms.p13_module_alias.refund", "member", "loyalty.models.Member", "fetch"),
    ("loyalty.forms.p14_receiver.count_card_use", "member", "loyalty.models.Member", "related"),
])
def test_instances_from_any_source(index: RepoIndex, qualname: str, name: str, model: str, origin: str) -> None:
    value = _value(index, qualname, name)
    assert value is not None and value.is_instance
    assert (value.model, value.origin) == (model, origin)
    assert not value.locked


def test_locks_and_non_models(index: RepoIndex) -> None:
    assert _value(index, "loyalty.forms.q01_select_for_update.award_points_locked", "member").locked
    assert _value(index, "loyalty.forms.q06_locked_loop.monthly_bonus_locked", "member").locked
    assert _value(index, "loyalty.forms.q04_not_a_model.count_in_memory", "tally") is None
    helper = index.functions["loyalty.forms.q03_caller_holds_lock.add_points"]
    assert V.locked_by_callers(index, helper, "loyalty.models.Member")
    assert V.returns(index, index.functions["loyalty.lookups.find_member"]).model == "loyalty.models.Member"
