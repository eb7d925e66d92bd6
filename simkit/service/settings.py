"""What the service is told by JupyterHub (as it tells every managed service) and by the deployment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from simkit.gradebook.db import gradebook_url
from simkit.scenarios.library import library_root

SERVICE_NAME = "simkit-grading"


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    prefix: str  # e.g. /services/simkit-grading/, as the hub's proxy routes it
    gradebook: str  # database URL
    library: Path  # the keyed scenario library: only this service holds it

    @classmethod
    def from_environment(cls) -> Settings:
        url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL") or "http://127.0.0.1:10101")
        prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or f"/services/{SERVICE_NAME}/"
        if not prefix.endswith("/"):
            prefix += "/"
        return cls(url.hostname or "127.0.0.1", url.port or 80, prefix, gradebook_url(), library_root())
