"""Entry point of a course-only server: jupyterhub-singleuser, less what such a server never uses.

jsonschema checks IRIs with rfc3987-syntax when that is installed, and building its grammar costs every server
~15 MiB; no schema a course server validates uses that format. Marking the module absent before anything imports
jsonschema makes jsonschema skip that one check.
"""

import sys

sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]

from jupyterhub.singleuser import main  # noqa: E402  (after the line above, on purpose)

main()
