"""Serving the courses through JupyterHub: the authenticator, the learners' course-only servers, the spawn rules
by group, and `simkit hub` (the whole stack on one machine). The hub's configuration itself is
deploy/jupyterhub/jupyterhub_config.py; see docs/deployment.md."""
