"""The graded onboarding gradebook of the certificates' tests, on SQLite and (given a server) PostgreSQL."""

from tests.certificates.conftest import gradebook_url, graded, onboarding

__all__ = ["gradebook_url", "graded", "onboarding"]
