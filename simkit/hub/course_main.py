"""Entry point of a course-only server: jupyterhub-singleuser, less what such a server never uses.

- jsonschema checks IRIs with rfc3987-syntax when that is installed, and building its grammar costs every server
  ~15 MiB; no schema a course server validates uses that format. Marking the module absent before anything imports
  jsonschema makes jsonschema skip that one check.
- JupyterHub's single-user code imports the hub's database layer (``jupyterhub.orm``, with SQLAlchemy's models and
  Alembic, ~20 MiB) at the top of modules it needs for other things (``jupyterhub.scopes``, reached through
  ``jupyterhub.services.auth``; ``jupyterhub.log``, which imports the hub's own request handlers), though a
  single-user server never opens a database. ``jupyterhub.orm`` is therefore loaded lazily (importlib's LazyLoader:
  the module is executed on first use, so nothing breaks if some version does use it), and the access log is
  simkit's own (``simkit.hub.request_log``, the one name the single-user code takes from ``jupyterhub.log``).
  ``simkit.hub.course_server.database_layer_loaded`` says whether this still holds; the server logs it, and
  tests/hub/test_servers.py fails when it stops holding.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

# Imported by the single-user code, never used by a course server (see above): executed on first use only.
DEFERRED = frozenset({"jupyterhub.orm"})


class DeferredImports(importlib.abc.MetaPathFinder):
    """Finds the modules in DEFERRED as usual, and has them loaded lazily."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in DEFERRED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


def main() -> None:
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    sys.meta_path.insert(0, DeferredImports())
    from simkit.hub import request_log

    sys.modules["jupyterhub.log"] = request_log
    from jupyterhub.singleuser import main as singleuser

    singleuser()


if __name__ == "__main__":
    main()
