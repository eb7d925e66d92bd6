"""The gradebook: its tables, their migrations and every query made on them.

``connect()`` opens the database (SQLite by default, PostgreSQL by URL) at the newest schema; ``Gradebook`` records
gradings and reviews; ``certificates``, ``compliance``, ``exports`` and ``statistics`` hold what those parts of
simkit read and write, so no other package builds SQL on these tables (docs/gradebook.md).
"""

from simkit.gradebook.book import Change, Counts, Gradebook, Graded
from simkit.gradebook.db import connect, gradebook_url, reading, writing

__all__ = ["Change", "Counts", "Gradebook", "Graded", "connect", "gradebook_url", "reading", "writing"]
