from timing.audit import CourseAudit

MATS = [("START", 0), ("10K", 10), ("HALF", 21.0975), ("FINISH", 42.195)]


def test_clean_run_has_no_problems():
    audit = CourseAudit(MATS, min_pace_s_per_km=165)
    passings = {"START": 0, "10K": 2_400_000, "HALF": 5_063_400, "FINISH": 10_126_800}
    assert audit.problems(passings) == []


def test_missing_mat_and_impossible_split():
    audit = CourseAudit(MATS, min_pace_s_per_km=165)
    problems = audit.problems({"START": 0, "10K": 2_400_000, "FINISH": 3_600_000})
    assert problems[0] == "no passing at HALF"
    assert problems[1].startswith("impossible split 10K-FINISH")
