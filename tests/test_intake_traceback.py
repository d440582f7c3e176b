"""Traceback and log parsing on real text: the example reports, a real Celery trace, a real Spark failure."""
from __future__ import annotations

import importlib.util
import io
import logging
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rootfix.intake.report import load_report
from rootfix.intake.traceback import parse_error_message


def _case(examples_dir: Path, name: str):
    case = examples_dir / "cases" / name
    return load_report(str(case / "bug.yaml"), {}).error_message, case / "repo"


def test_on_commit_celery_log_and_traceback(examples_dir: Path) -> None:
    text, repo = _case(examples_dir, "ex-bw-on-commit")
    p = parse_error_message(text, repo)
    assert p.kind == "celery-log"
    assert p.final.exc_type == "orders.models.Order.DoesNotExist"
    assert p.final.message == "Order matching query does not exist."
    assert [e.relation for e in p.exceptions] == [""]
    assert [(f.repo_path, f.line, f.function) for f in p.project_frames] == [
        ("kitchen/tasks.py", 22, "print_kitchen_ticket")]
    assert p.project_frames[0].text == ".get(pk=order_id)"
    lib = p.final.frames[0]
    assert lib.function == "trace_task" and not lib.is_project and lib.repo_path is None
    celery = [l for l in p.log_lines if l.source == "celery"]
    assert [(l.event, l.level) for l in celery] == [("received", "INFO"), ("raised", "ERROR")]
    assert {l.task_id for l in celery} == {"6f1c2a9e-5d0b-4c47-9a3e-2b8f0d7e1c55"}
    assert p.mentioned_names[0] == "kitchen.tasks.print_kitchen_ticket"
    assert "orders.services" in p.mentioned_names  # the API log's logger


def test_retry_chained_traceback(examples_dir: Path) -> None:
    text, repo = _case(examples_dir, "ex-bw-retry")
    p = parse_error_message(text, repo)
    assert [e.exc_type for e in p.exceptions] == ["newsletter.mail.TransientMailError", "celery.exceptions.Retry"]
    assert [e.relation for e in p.exceptions] == ["", "context"]
    assert p.final.message == "Retry in 60s: TransientMailError('421 4.7.0 Try again later, closing connection')"
    assert [(f.repo_path, f.line, f.function) for f in p.project_frames] == [
        ("newsletter/tasks.py", 65, "_send_delivery"), ("newsletter/mail.py", 84, "send"),
        ("newsletter/tasks.py", 52, "deliver_issue"), ("newsletter/tasks.py", 70, "_send_delivery")]
    assert not p.final.frames[-1].is_project  # celery/app/task.py in site-packages
    events = [(l.event, l.task_name) for l in p.log_lines if l.task_name]
    assert events == [("succeeded", "newsletter.tasks.deliver_issue"), ("received", "newsletter.tasks.deliver_issue"),
                      ("succeeded", "newsletter.tasks.deliver_issue")]
    assert p.mentioned_names == ("newsletter.tasks.deliver_issue",)


def test_repo_suffix_matching_and_no_repo(tmp_path: Path) -> None:
    (tmp_path / "kitchen").mkdir()
    (tmp_path / "kitchen" / "tasks.py").write_text("")
    (tmp_path / "tasks.py").write_text("")
    tb = textwrap.dedent('''\
        Traceback (most recent call last):
          File "/srv/app/kitchen/tasks.py", line 3, in a
          File "/srv/app/tasks.py", line 4, in b
          File "/srv/app/other/views.py", line 5, in c
          File "/usr/lib/python3.11/json/decoder.py", line 9, in d
          File "/srv/app/.venv/lib/python3.11/site-packages/kitchen/tasks.py", line 6, in e
        ValueError: boom''')
    frames = parse_error_message(tb, tmp_path).final.frames
    assert [(f.repo_path, f.is_project) for f in frames] == [
        ("kitchen/tasks.py", True), ("tasks.py", True), (None, False), (None, False), (None, False)]
    frames = parse_error_message(tb).final.frames
    assert [f.is_project for f in frames] == [True, True, True, False, False]


def test_explicit_cause_indented_carets_and_multiline_message() -> None:
    text = textwrap.indent(textwrap.dedent('''\
        Traceback (most recent call last):
          File "/app/billing/client.py", line 10, in charge
            resp = session.post(url, json=payload)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        requests.exceptions.ConnectionError: connection refused

        The above exception was the direct cause of the following exception:

        Traceback (most recent call last):
          File "/app/billing/tasks.py", line 42, in charge_invoice
            client.charge(invoice)
          File "/app/billing/client.py", line 12, in charge
            raise PaymentError(
        billing.errors.PaymentError: could not charge invoice 7
        gateway said: refused
        [2024-05-17 12:04:31,907: INFO/MainProcess] Task billing.tasks.charge_invoice[abc] retry: Retry in 5s'''),
        "    ")
    p = parse_error_message(text)
    assert p.kind == "celery-log"
    assert [(e.exc_type, e.relation) for e in p.exceptions] == [
        ("requests.exceptions.ConnectionError", ""), ("billing.errors.PaymentError", "cause")]
    assert p.final.message == "could not charge invoice 7\ngateway said: refused"
    assert p.exceptions[0].frames[0].text == "resp = session.post(url, json=payload)"
    assert [f.function for f in p.project_frames] == ["charge", "charge_invoice", "charge"]
    assert p.log_lines[-1].event == "retry"


def test_command_output_and_command_error(examples_dir: Path) -> None:
    text, _ = _case(examples_dir, "ex-cli-args")
    p = parse_error_message(text)
    assert p.kind == "command-output" and p.exceptions == ()
    assert p.mentioned_names == ("send_overdue_notices",)
    assert p.log_lines[-1].message.startswith("notified 141 patron(s)")
    assert {l.source for l in p.log_lines} == {"django"}
    p = parse_error_message("$ ./manage.py import_users users.csv\nCommandError: users.csv: no such file\n")
    assert p.final.exc_type == "CommandError" and p.final.message == "users.csv: no such file"
    assert p.mentioned_names == ("import_users",)


def test_py4j_driver_error_wrapping_worker_traceback() -> None:
    # The shape of a PySpark < 3.4 / RDD API driver error (Py4JJavaError wrapping the worker's traceback).
    text = textwrap.dedent('''\
        Traceback (most recent call last):
          File "/opt/jobs/analytics/jobs/stats.py", line 30, in main
            rows = df.collect()
          File "/usr/lib/spark/python/lib/pyspark.zip/pyspark/sql/dataframe.py", line 677, in collect
            sock_info = self._jdf.collectToPython()
          File "/usr/lib/spark/python/lib/py4j-0.10.9.7-src.zip/py4j/protocol.py", line 326, in get_return_value
            raise Py4JJavaError(
        py4j.protocol.Py4JJavaError: An error occurred while calling o123.collectToPython.
        : org.apache.spark.SparkException: Job aborted due to stage failure: Task 0 in stage 1.0 failed 1 times, most recent failure: Lost task 0.0 in stage 1.0 (TID 1) (10.0.0.5 executor driver): org.apache.spark.api.python.PythonException: Traceback (most recent call last):
          File "/usr/lib/spark/python/lib/pyspark.zip/pyspark/worker.py", line 604, in main
            process()
          File "/opt/jobs/analytics/jobs/stats.py", line 12, in to_cents
            return int(v * 100)
        TypeError: unsupported operand type(s) for *: 'NoneType' and 'int'

        \tat org.apache.spark.api.python.BasePythonRunner$ReaderIterator.handlePythonException(PythonRunner.scala:545)
        Driver stacktrace:
        \tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2454)
        Caused by: org.apache.spark.api.python.PythonException: Traceback (most recent call last):
          File "/usr/lib/spark/python/lib/pyspark.zip/pyspark/worker.py", line 604, in main
            process()
          File "/opt/jobs/analytics/jobs/stats.py", line 12, in to_cents
            return int(v * 100)
        TypeError: unsupported operand type(s) for *: 'NoneType' and 'int'
        ''')
    p = parse_error_message(text)
    assert p.kind == "spark"
    assert [(e.exc_type, e.relation) for e in p.exceptions] == [
        ("py4j.protocol.Py4JJavaError", ""), ("TypeError", "worker")]
    assert [(f.function, f.is_project) for f in p.final.frames] == [("main", False), ("to_cents", True)]
    assert "o123.collectToPython" in p.exceptions[0].message


def test_analysis_exception() -> None:
    text = textwrap.dedent('''\
        Traceback (most recent call last):
          File "/app/analytics/jobs/upload_stats.py", line 40, in build
            return df.select("user_idd")
        pyspark.errors.exceptions.captured.AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `user_idd` cannot be resolved. Did you mean one of the following? [`user_id`, `day`].;
        'Project ['user_idd]
        +- Relation [day#0,user_id#1] parquet
        ''')
    p = parse_error_message(text)
    assert p.kind == "spark" and p.final.exc_type.endswith("AnalysisException")
    assert p.final.message.startswith("[UNRESOLVED_COLUMN.WITH_SUGGESTION]") and "Relation" in p.final.message
    assert p.project_frames[0].function == "build"


def test_real_celery_trace_log(tmp_path: Path) -> None:
    """A real Celery app runs a real failing task through celery.app.trace; its log output is parsed."""
    from celery import Celery
    from celery.app import trace
    from celery.app.defaults import DEFAULT_PROCESS_LOG_FMT

    (tmp_path / "kitchen").mkdir()
    tasks = tmp_path / "kitchen" / "tasks.py"
    tasks.write_text(textwrap.dedent('''\
        def register(app):
            @app.task(name="kitchen.tasks.print_kitchen_ticket")
            def print_kitchen_ticket(order_id):
                raise LookupError(f"order {order_id} not found")

            @app.task(name="kitchen.tasks.ping")
            def ping():
                return "pong"

            return print_kitchen_ticket, ping
        '''))
    spec = importlib.util.spec_from_file_location("rootfix_test_kitchen_tasks", tasks)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    app = Celery("kitchen", set_as_current=False)
    failing, ping = module.register(app)

    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(logging.Formatter(DEFAULT_PROCESS_LOG_FMT))
    logger = logging.getLogger("celery.app.trace")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        # the worker's own "received" line uses this format string (celery/worker/strategy.py)
        logger.info(trace.LOG_RECEIVED, {"name": failing.name, "id": "6f1c-1"})
        failing.apply(args=(48213,), task_id="6f1c-1")
        ping.apply(task_id="77aa-2")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    log = buf.getvalue()

    p = parse_error_message(log, tmp_path)
    assert p.kind == "celery-log"
    assert p.final.exc_type == "LookupError" and p.final.message == "order 48213 not found"
    assert [(f.repo_path, f.function) for f in p.project_frames] == [("kitchen/tasks.py", "print_kitchen_ticket")]
    assert [(l.task_name, l.task_id, l.event) for l in p.log_lines] == [
        ("kitchen.tasks.print_kitchen_ticket", "6f1c-1", "received"),
        ("kitchen.tasks.print_kitchen_ticket", "6f1c-1", "raised"),
        ("kitchen.tasks.ping", "77aa-2", "succeeded")]
    assert p.mentioned_names == ("kitchen.tasks.print_kitchen_ticket", "kitchen.tasks.ping")


@pytest.mark.slow
def test_real_spark_worker_traceback(tmp_path: Path) -> None:
    """A real local[1] Spark job whose UDF raises; the driver's stderr and the exception text are parsed."""
    pytest.importorskip("pyspark")
    (tmp_path / "jobs").mkdir()
    job = tmp_path / "jobs" / "amounts.py"
    job.write_text(textwrap.dedent('''\
        import sys
        import traceback

        from pyspark.sql import SparkSession
        from pyspark.sql.functions import udf
        from pyspark.sql.types import IntegerType


        def to_cents(value):
            return int(value) // 0


        spark = (SparkSession.builder.master("local[1]").appName("rootfix-test")
                 .config("spark.ui.enabled", "false").getOrCreate())
        try:
            df = spark.createDataFrame([("12",)], ["amount"])
            df.select(udf(to_cents, IntegerType())("amount")).collect()
        except Exception as exc:
            print(str(exc))
            traceback.print_exc()
            sys.exit(3)
        finally:
            spark.stop()
        '''))
    proc = subprocess.run([sys.executable, str(job)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr[-2000:]

    for text in (proc.stderr, proc.stdout):
        p = parse_error_message(text, tmp_path)
        assert p.kind == "spark"
        assert p.final.exc_type == "ZeroDivisionError"
        assert [(f.repo_path, f.function) for f in p.final.frames if f.is_project] == [("jobs/amounts.py", "to_cents")]
        assert p.final.frames[-1].line == 10
    p = parse_error_message(proc.stderr, tmp_path)
    assert "PythonException" in p.exceptions[-2].exc_type and p.final.relation == "worker"
    assert any(l.source == "spark" and l.level == "ERROR" for l in p.log_lines)


def test_never_raises_on_garbage() -> None:
    rng = random.Random(1234)
    pieces = ["Traceback (most recent call last):", '  File "x.py", line 1, in f', '  File "', "    ^^^^",
              "ValueError: x", "During handling of the above exception, another exception occurred:",
              "[2024-01-01 00:00:00,000: ERROR/MainProcess] Task a[b] raised unexpected: X(",
              "24/01/01 00:00:00 ERROR Executor: x", "  |   File", "  + Exception Group Traceback", "\tat x.y(Z.java:1)",
              "manage.py", "CommandError:", "\x00", "\udcff", "{{", "\r", "\t", " " * 40, "é∂ƒ"]
    for _ in range(400):
        n = rng.randint(0, 30)
        text = "\n".join(rng.choice(pieces) if rng.random() < 0.7 else
                         "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(0, 50)))
                         for _ in range(n))
        result = parse_error_message(text, repo_root=rng.choice([None, "/nonexistent/repo", "."]))
        assert result.kind in ("python-traceback", "celery-log", "spark", "command-output", "none")
    for odd in (None, "", b"bytes", 42, "Traceback (most recent call last):"):
        parse_error_message(odd)  # type: ignore[arg-type]
