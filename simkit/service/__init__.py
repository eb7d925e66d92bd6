"""The grading service: a JupyterHub managed service (``simkit-grading``) that keeps learners' answers in the
gradebook as they confirm them, grades an exam on submit, issues its certificate, and serves the trainers' and
HR's pages. Started by the hub as ``python -m simkit.service``; see docs/service.md."""
