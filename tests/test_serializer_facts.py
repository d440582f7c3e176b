"""The serializer facts (rootfix.project.serializer) against the real kombu JSON serializer: what the
facts call "changed" really changes, what they call "refused" really raises, and what they leave alone
(Decimal, datetime, date, time, UUID with kombu >= 5.3) really round-trips."""
from __future__ import annotations

import datetime
import decimal
import uuid
from pathlib import Path

import pytest
from kombu.exceptions import EncodeError
from kombu.serialization import dumps, loads

from rootfix.discover.index import RepoIndex
from rootfix.project import serializer as S


def round_trip(value):
    content_type, encoding, data = dumps(value, serializer="json")
    return loads(data, content_type, encoding, accept=["application/json"])


@pytest.mark.parametrize("value", [
    decimal.Decimal("9.99"), datetime.datetime(2024, 5, 17, 12, 4, tzinfo=datetime.timezone.utc),
    datetime.date(2024, 5, 17), datetime.time(12, 4), uuid.UUID(int=7), "text", 3, [1, 2], {"a": 1},
])
def test_values_the_facts_leave_alone_round_trip(value) -> None:
    got = round_trip(value)
    assert got == value and type(got) is type(value)


def test_changes_the_facts_report_are_real() -> None:
    assert round_trip((1, 2)) == [1, 2]  # tuple -> list
    assert round_trip({1: "a"}) == {"1": "a"}  # int keys -> str keys
    with pytest.raises(EncodeError):
        round_trip({1, 2})


def _facts(tmp_path: Path, code: str, requirements: str = ""):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "jobs.py").write_text(code)
    if requirements:
        (tmp_path / "requirements.txt").write_text(requirements)
    index = RepoIndex.build(tmp_path)
    fn = index.functions["app.jobs.f"]
    ser = S.task_serializer(index)
    ret = next(n for n in fn.node.body if hasattr(n, "value"))
    return S.change_of(index, fn, ret.value, ret.lineno, ser)


@pytest.mark.parametrize(("expr", "kind"), [
    ("(a, b)", "tuple"), ("{a.pk: 1}", "int-key dict"), ("{x.id: x for x in a}", "int-key dict"),
    ("{a, b}", "set"), ("set(a)", "set"), ("{'a': 1}", None), ("[a, b]", None),
    ("decimal.Decimal('1')", None), ("uuid.uuid4()", None),
])
def test_change_of_expressions(tmp_path: Path, expr: str, kind: str | None) -> None:
    change = _facts(tmp_path, f"import decimal\nimport uuid\n\n\ndef f(a, b):\n    return {expr}\n")
    assert (change.kind if change else None) == kind


def test_old_kombu_turns_decimal_into_str(tmp_path: Path) -> None:
    change = _facts(tmp_path, "import decimal\n\n\ndef f(a, b):\n    return decimal.Decimal(a)\n",
                    requirements="celery==5.2.7\n")
    assert change is not None and change.kind == "Decimal" and change.becomes == "a str"
