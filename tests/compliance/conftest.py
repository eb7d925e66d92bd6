"""Gradebooks to report on: SQLite, and PostgreSQL when a server is given (as for grading)."""

from tests.grading.conftest import gradebook_url

__all__ = ["gradebook_url"]
