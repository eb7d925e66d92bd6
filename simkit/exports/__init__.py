"""A course's results for other systems: CSV for HR, xAPI statements for learning record stores (docs/records.md)."""

from simkit.exports.hr_csv import results_csv
from simkit.exports.xapi import course_statements
from simkit.exports.xapi_check import InvalidStatements, check_statements, statement_problems

__all__ = ["InvalidStatements", "check_statements", "course_statements", "results_csv", "statement_problems"]
