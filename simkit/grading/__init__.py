"""Automatic grading: submissions read as untrusted input, scored against keys rebuilt from the library, and
recorded in the gradebook."""
