"""`rootfix components` / `rootfix prompt` on the example cases' real repos and reports."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from rootfix.cli import main
from rootfix.discover import build_index, discover_components, related_code, resolve_component

#: case -> (file, symbol) of the component its bug.yaml names
EXPECTED = {
    "ex-bw-on-commit": ("background-worker", "kitchen/tasks.py", "print_kitchen_ticket"),
    "ex-bw-retry": ("background-worker", "newsletter/tasks.py", "deliver_issue"),
    "ex-cli-args": ("cli-tool", "loans/management/commands/send_overdue_notices.py", "Command.handle"),
    "ex-ps-union": ("pyspark-job", "analytics/jobs/upload_stats.py", "run"),
    "ex-sj-duplicates": ("scheduled-job", "appointments/tasks.py", "appointment_reminders"),
    "ex-sj-timezone": ("scheduled-job", "telemetry/tasks.py", "build_yesterdays_summaries"),
}


def _cases(examples_dir: Path) -> list[Path]:
    cases = sorted(p for p in (examples_dir / "cases").iterdir() if (p / "bug.yaml").is_file())
    assert cases
    return cases


def test_components_json_lists_every_case(examples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for case in _cases(examples_dir):
        assert main(["components", "--repo", str(case / "repo"), "--format", "json"]) == 0
        out, err = capsys.readouterr()
        data = json.loads(out)
        assert data, case.name
        assert {"type", "flavor", "name", "aliases", "file", "line", "symbol", "target"} <= set(data[0])
        types = {d["type"] for d in data}
        assert {"background-worker", "cli-tool"} <= types, case.name
        # every file named exists in the repo and every task / command is listed once
        for d in data:
            assert (case / "repo" / d["file"]).is_file()
        keys = [(d["type"], d["name"]) for d in data]
        assert len(keys) == len(set(keys)), case.name


def test_components_text_table(examples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = examples_dir / "cases" / "ex-ps-union" / "repo"
    assert main(["components", "--repo", str(repo)]) == 0
    out = capsys.readouterr().out
    for heading in ("background-worker (2)", "cli-tool (2)", "scheduled-job (1)", "pyspark-job (2)"):
        assert heading in out
    assert "analytics/jobs/upload_stats.py:71" in out and "started by manage.py upload_stats" in out
    assert main(["components", "--repo", str(repo), "--type", "pyspark-job", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(d["name"] for d in data) == ["storage_usage", "upload_stats"]


def test_buggy_component_of_each_case_resolves(examples_dir: Path) -> None:
    seen = set()
    for case in _cases(examples_dir):
        bug = yaml.safe_load((case / "bug.yaml").read_text())
        comps = discover_components(build_index(case / "repo"))
        c = resolve_component(comps, bug["component_type"], bug["component_name"])
        if case.name in EXPECTED:
            seen.add(case.name)
            assert (c.type, c.file, c.symbol) == EXPECTED[case.name], case.name
        # the root cause's file is part of the component's related code (or the component itself)
        root = yaml.safe_load((case / "case.yaml").read_text())["root_cause"]
        rel = related_code(build_index(case / "repo"), c)
        files = {c.file} | {r.file for r in rel.refs}
        assert root["file"] in files, case.name
    assert seen == set(EXPECTED)


def test_scheduled_job_entry_preferred_over_task(examples_dir: Path) -> None:
    comps = discover_components(build_index(examples_dir / "cases" / "ex-sj-duplicates" / "repo"))
    c = resolve_component(comps, "scheduled-job",
                          "appointment reminders (beat task appointments.tasks.appointment_reminders, hourly)")
    assert (c.flavor, c.name, c.target, c.declared_in) == (
        "beat-schedule", "appointment-reminders", "appointments.tasks.appointment_reminders", "carepoint/settings.py")
    # the same task named as a worker is the Celery task itself
    w = resolve_component(comps, "background-worker", "appointments.tasks.appointment_reminders")
    assert (w.flavor, w.name) == ("celery-task", "appointments.tasks.appointment_reminders")


def test_prompt_on_each_case(examples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for case in _cases(examples_dir):
        assert main(["prompt", str(case / "bug.yaml"), "--repo", str(case / "repo")]) == 0, case.name
        out = capsys.readouterr().out
        assert "{{" not in out, case.name
        bug = yaml.safe_load((case / "bug.yaml").read_text())
        comps = discover_components(build_index(case / "repo"))
        c = resolve_component(comps, bug["component_type"], bug["component_name"])
        source = (case / "repo" / c.file).read_text().splitlines()
        # the component's def line and its last line appear, numbered
        assert f"{c.line} | {source[c.line - 1]}" in out, case.name
        assert "## Component" in out and "## Related code" in out
        assert ("## Models touched" in out) == bool(related_code(build_index(case / "repo"), c).models)


def test_prompt_shows_traceback_frames_and_callers(examples_dir: Path, capsys) -> None:
    case = examples_dir / "cases" / "ex-bw-on-commit"
    assert main(["prompt", str(case / "bug.yaml"), "--repo", str(case / "repo")]) == 0
    out = capsys.readouterr().out
    assert "`orders.models.Order.DoesNotExist`" in out
    assert ">22 |         .get(pk=order_id)" in out
    assert "place_order` (orders/services.py:36, function, depth 1) — enqueues print_kitchen_ticket" in out
    assert "### `Order` (orders/models.py:55, model" in out


def test_prompt_shows_whole_spark_job_module(examples_dir: Path, capsys) -> None:
    case = examples_dir / "cases" / "ex-ps-union"
    assert main(["prompt", str(case / "bug.yaml"), "--repo", str(case / "repo")]) == 0
    out = capsys.readouterr().out
    assert "### Source of `analytics/jobs/upload_stats.py`" in out
    assert " 51 |     return web.union(mobile).dropDuplicates([\"upload_id\"])" in out
    assert "Started by: manage.py upload_stats" in out


def test_prompt_no_context_and_custom_template(examples_dir: Path, tmp_path: Path, capsys) -> None:
    case = examples_dir / "cases" / "ex-cli-args"
    assert main(["prompt", str(case / "bug.yaml"), "--no-context", "--repo", str(tmp_path / "nowhere")]) == 0
    out = capsys.readouterr().out
    assert "manage.py send_overdue_notices" in out and "Context gathered" not in out
    tpl = tmp_path / "t.md"
    tpl.write_text('---\nname: "mini"\nvariables:\n  - name: "component_name"\n    required: true\n'
                   '  - name: "component_type"\n  - name: "bug_description"\n  - name: "expected_behavior"\n'
                   '  - name: "actual_behavior"\n  - name: "error_message"\n---\nFix {{ component_name }} now.\n')
    assert main(["prompt", str(case / "bug.yaml"), "--repo", str(case / "repo"), "--template", str(tpl)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Fix manage.py send_overdue_notices now.")
    assert "class Command(BaseCommand)" in out


def test_prompt_bad_inputs_exit_2(examples_dir: Path, tmp_path: Path, capsys) -> None:
    case = examples_dir / "cases" / "ex-cli-args"
    bug = yaml.safe_load((case / "bug.yaml").read_text())

    def run(*argv: str) -> str:
        assert main(list(argv)) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and err.startswith("rootfix: error: ")
        return err

    bad = tmp_path / "misspelled.yaml"
    bad.write_text(yaml.safe_dump({**bug, "component_name": "manage.py send_overdu_notices"}))
    err = run("prompt", str(bad), "--repo", str(case / "repo"))
    assert "no cli-tool named 'manage.py send_overdu_notices'" in err and "did you mean: send_overdue_notices" in err

    typ = tmp_path / "type.yaml"
    typ.write_text(yaml.safe_dump({**bug, "component_type": "cron-thing"}))
    assert "component_type" in run("prompt", str(typ), "--repo", str(case / "repo"))

    broken = tmp_path / "broken.yaml"
    broken.write_text("component_type: cli-tool\ncomponent_name: [unclosed\n  bug: x: y\n")
    run("prompt", str(broken), "--repo", str(case / "repo"))
    run("prompt", str(case / "bug.yaml"), "--repo", str(tmp_path / "missing"))
    run("components", "--repo", str(tmp_path / "missing"))
    run("components", "--repo", str(case / "repo"), "--type", "nonsense")
