from decimal import Decimal

from django.db import models


class Term(models.Model):
    name = models.CharField(max_length=40, unique=True)  # "2024 Fall"
    starts_on = models.DateField()
    ends_on = models.DateField()
    grades_due = models.DateTimeField()
    is_current = models.BooleanField(default=False)

    def __str__(self):
        return self.name


class Student(models.Model):
    number = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    guardian_email = models.EmailField(blank=True)

    def __str__(self):
        return f"{self.number} {self.name}"


class Course(models.Model):
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="courses")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=120)
    teacher = models.CharField(max_length=120)

    class Meta:
        unique_together = [("term", "code")]

    def __str__(self):
        return f"{self.code} ({self.term})"


class Enrollment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="enrollments")
    dropped = models.BooleanField(default=False)

    class Meta:
        unique_together = [("course", "student")]


class AssessmentCategory(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(max_length=60)
    # percentage of the term grade; 0 = shown but not counted (practice)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))

    class Meta:
        unique_together = [("course", "name")]
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name} ({self.weight}%)"


class Assessment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="assessments")
    category = models.ForeignKey(AssessmentCategory, on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField(max_length=120)
    max_points = models.DecimalField(max_digits=6, decimal_places=2)
    due_on = models.DateField()

    def __str__(self):
        return self.title


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="scores")
    points = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    excused = models.BooleanField(default=False)

    class Meta:
        unique_together = [("assessment", "student")]
