"""Bug reports: the six example reports load, and every bad input is one clear UsageError line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from rootfix.errors import UsageError
from rootfix.intake.report import load_report
from rootfix.types import COMPONENT_TYPES, BugReport

GOOD = {
    "component_type": "background-worker",
    "component_name": "SendEmailTask",
    "bug_description": "emails go out twice",
    "expected_behavior": "one email",
    "actual_behavior": "two emails",
}


def _write(tmp_path: Path, name: str, content: str | bytes) -> str:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return str(p)


def _error(path: str | None, overrides: dict | None = None, **kw) -> str:
    with pytest.raises(UsageError) as info:
        load_report(path, overrides or {}, **kw)
    msg = str(info.value)
    assert "\n" not in msg, msg
    return msg


def test_all_example_reports_load(examples_dir: Path) -> None:
    cases = sorted((examples_dir / "cases").glob("*/bug.yaml"))
    assert len(cases) >= 6
    for bug in cases:
        raw = yaml.safe_load(bug.read_text(encoding="utf-8"))
        report = load_report(str(bug), {})
        assert isinstance(report, BugReport)
        assert report.component_type in COMPONENT_TYPES
        assert report.component_type == raw["component_type"]
        assert report.component_name == raw["component_name"]
        assert report.error_message == raw.get("error_message", "")
        assert report.source == str(bug)
        assert report.extra == ()


def test_example_report_traceback_kept_verbatim(examples_dir: Path) -> None:
    report = load_report(str(examples_dir / "cases" / "ex-bw-on-commit" / "bug.yaml"), {})
    assert "orders.models.Order.DoesNotExist: Order matching query does not exist." in report.error_message
    assert '  File "/app/kitchen/tasks.py", line 22, in print_kitchen_ticket' in report.error_message


def test_flags_override_file(tmp_path: Path, examples_dir: Path) -> None:
    bug = str(examples_dir / "cases" / "ex-cli-args" / "bug.yaml")
    report = load_report(bug, {"component_name": "send_overdue_notices", "reproduce": "tests/test_x.py::test_y"})
    assert report.component_name == "send_overdue_notices"
    assert report.reproduce == "tests/test_x.py::test_y"
    assert report.component_type == "cli-tool"


def test_flags_alone(tmp_path: Path) -> None:
    report = load_report(None, dict(GOOD, component_type="Scheduled Job"))
    assert report.component_type == "scheduled-job"
    assert report.source == "<flags>"


def test_json_by_suffix_and_by_content(tmp_path: Path) -> None:
    r1 = load_report(_write(tmp_path, "bug.json", json.dumps(GOOD)), {})
    r2 = load_report(_write(tmp_path, "bug.txt", json.dumps(GOOD)), {})
    assert r1.component_name == r2.component_name == "SendEmailTask"
    msg = _error(_write(tmp_path, "bad.json", '{"component_type": "cli-tool",}'))
    assert "malformed JSON" in msg and "line 1" in msg and "bad.json" in msg


@pytest.mark.parametrize("spelling", ["background_worker", "Background Worker", "BACKGROUND-WORKER",
                                      " background--worker "])
def test_component_type_spelling_normalized(tmp_path: Path, spelling: str) -> None:
    assert load_report(None, dict(GOOD, component_type=spelling)).component_type == "background-worker"


def test_numbers_coerced_to_text(tmp_path: Path) -> None:
    text = yaml.safe_dump(dict(GOOD, component_name=42, error_message=3.5))
    report = load_report(_write(tmp_path, "bug.yaml", text), {})
    assert report.component_name == "42" and report.error_message == "3.5"


def test_no_report_at_all() -> None:
    assert _error(None, {}) == "no bug report: give BUG.yaml or --component-type ... flags"


def test_missing_file(tmp_path: Path) -> None:
    msg = _error(str(tmp_path / "nope.yaml"))
    assert "nope.yaml" in msg and "no such file" in msg


def test_not_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path, "latin1.yaml", "component_name: Caf\xe9\n".encode("latin-1"))
    msg = _error(path)
    assert "latin1.yaml" in msg and "not UTF-8" in msg


def test_malformed_yaml_reports_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "bug.yaml", "component_type: cli-tool\ncomponent_name: [unclosed\nbug_description: x\n")
    msg = _error(path)
    assert "bug.yaml" in msg and "malformed YAML" in msg
    assert "line 3" in msg and "column" in msg


def test_not_a_mapping(tmp_path: Path) -> None:
    msg = _error(_write(tmp_path, "list.yaml", "- component_type\n- cli-tool\n"))
    assert "list.yaml" in msg and "mapping" in msg and "a list" in msg
    assert "empty" in _error(_write(tmp_path, "empty.yaml", "# nothing\n"))


def test_missing_required_key(tmp_path: Path) -> None:
    data = {k: v for k, v in GOOD.items() if k != "expected_behavior"}
    msg = _error(_write(tmp_path, "bug.yaml", yaml.safe_dump(data)))
    assert "missing required key 'expected_behavior'" in msg and "bug.yaml" in msg


def test_empty_required_value(tmp_path: Path) -> None:
    msg = _error(_write(tmp_path, "bug.yaml", yaml.safe_dump(dict(GOOD, actual_behavior="  "))))
    assert "'actual_behavior' is empty" in msg
    msg = _error(_write(tmp_path, "bug2.yaml", yaml.safe_dump(GOOD) + "component_name:\n"))
    assert "'component_name' is empty" in msg


def test_unknown_component_type_suggests_closest(tmp_path: Path) -> None:
    msg = _error(_write(tmp_path, "bug.yaml", yaml.safe_dump(dict(GOOD, component_type="backgrund-worker"))))
    assert "unknown component_type 'backgrund-worker'" in msg and "did you mean 'background-worker'?" in msg
    assert "'pyspark-job'" in _error(None, dict(GOOD, component_type="pyspark job2"))
    assert "'cli-tool'" in _error(None, dict(GOOD, component_type="cli_tools"))


def test_wrong_types(tmp_path: Path) -> None:
    msg = _error(_write(tmp_path, "bug.yaml", yaml.safe_dump(dict(GOOD, component_name=["a", "b"]))))
    assert "component_name must be text, got a list" in msg and "bug.yaml" in msg
    msg = _error(_write(tmp_path, "bug2.yaml", yaml.safe_dump(dict(GOOD, error_message={"a": 1}))))
    assert "error_message must be text, got a mapping" in msg
    assert "boolean" in _error(_write(tmp_path, "bug3.yaml", yaml.safe_dump(dict(GOOD, reproduce=True))))


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    msg = _error(_write(tmp_path, "bug.yaml", yaml.safe_dump(dict(GOOD, expected_behaviour="x"))))
    assert "unknown key 'expected_behaviour'" in msg and "did you mean 'expected_behavior'?" in msg
    assert "unknown key 'team'" in _error(None, dict(GOOD, team="payments"))


def test_template_variables_decide_required_and_extra(tmp_path: Path) -> None:
    template = _write(tmp_path, "tpl.md", (Path(__file__).parent / "data" / "intake" / "team-template.md")
                      .read_text(encoding="utf-8"))
    report = load_report(None, dict(GOOD, team="payments", ticket="PAY-12"), template_path=template)
    assert report.extra == (("team", "payments"), ("ticket", "PAY-12"))
    assert report.variables()["team"] == "payments"
    # the template requires `team`: a report without it fails, naming the variable
    msg = _error(None, dict(GOOD), template_path=template)
    assert "missing required key 'team'" in msg and "tpl.md" in msg
    # the template does not require actual_behavior: it may be left out
    data = {k: v for k, v in GOOD.items() if k != "actual_behavior"}
    assert load_report(None, dict(data, team="x"), template_path=template).actual_behavior == ""
