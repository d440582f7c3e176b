"""Pure predicates and codemods shared by the scheduled-job rules (JOB3xx, JOB5xx, JOB1xx, JOB2xx).

Nothing here registers a rule; rules import from here, never from each other.
"""
