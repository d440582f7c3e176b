"""A rule fix proven only by its own oracle is claimed as the fix of the *reported* bug only when something
ties it to the report: its component kind and reach, and the report's symptoms (localize/relevance.foreign_fix)."""
from rootfix.localize.relevance import foreign_fix
from rootfix.types import BugReport, Candidate, Finding, Patch

CONNECTIONS = BugReport(
    component_type="background-worker", component_name="process_scene",
    bug_description="The tile worker slowly eats up all connections of the database server; idle connections "
                    "pile up with every scene until Postgres refuses new clients.",
    expected_behavior="The connections a scene used are released when the job finishes.",
    actual_behavior="Every processed scene leaves more idle connections behind.")
RUN = {("imagery/jobs.py", "process_scene"), ("imagery/services.py", "process_scene_tiles")}


def _candidate(code: str, bug_class: str, file: str, symbol: str) -> Candidate:
    finding = Finding(code=code, rule="r", message="m", file=file, line=1, symbol=symbol, bug_class=bug_class,
                      fixable=True)
    return Candidate(strategy=f"rule:{code}", patch=Patch(changes=()), finding=finding)


def test_a_scheduled_job_rule_outside_the_reported_tasks_code_is_foreign():
    job = _candidate("JOB102", "S1", "imagery/maintenance.py", "requeue_failed_scenes")
    assert foreign_fix(job, None, CONNECTIONS, RUN)


def test_the_same_finding_is_the_fix_when_it_makes_the_reported_failure_pass():
    job = _candidate("JOB102", "S1", "imagery/maintenance.py", "requeue_failed_scenes")
    assert not foreign_fix(job, "failed->passed", CONNECTIONS, RUN)


def test_a_class_whose_symptoms_the_report_lacks_is_foreign_when_another_classes_are_there():
    memory = _candidate("WRK601", "W6", "imagery/services.py", "process_scene_tiles")
    assert foreign_fix(memory, None, CONNECTIONS, RUN)


def test_the_class_the_report_speaks_of_in_the_components_code_is_not_foreign():
    threads = _candidate("WRK202", "W2", "imagery/services.py", "process_scene_tiles")
    assert not foreign_fix(threads, None, CONNECTIONS, RUN)


def test_a_worker_rule_in_a_caller_of_the_task_is_not_foreign():
    # W3: the enqueue inside atomic() is in the view or command that calls the task, not in the task
    report = BugReport(component_type="background-worker", component_name="send_receipt",
                       bug_description="The task fails with Order.DoesNotExist a few seconds after checkout.",
                       expected_behavior="The receipt is sent once the order is committed.",
                       actual_behavior="DoesNotExist in the worker log.")
    enqueue = _candidate("WRK301", "W3", "shop/views.py", "checkout")
    assert not foreign_fix(enqueue, None, report, RUN)


def test_a_finding_on_a_class_whose_methods_the_task_runs_is_not_foreign():
    report = BugReport(component_type="background-worker", component_name="settle_sale",
                       bug_description="The worker's memory grows with every sale it settles.",
                       expected_behavior="Memory stays flat.", actual_behavior="The worker is killed for memory.")
    state = _candidate("JOB204", "S2", "catalogue/ladders.py", "LadderIndex")
    assert not foreign_fix(state, None, report, RUN | {("catalogue/ladders.py", "LadderIndex.load")})
    assert foreign_fix(state, None, report, RUN)
