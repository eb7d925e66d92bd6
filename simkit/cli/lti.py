"""``simkit lti``: the scores on their way to the learning platform (LTI grade passback), for trainers."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from simkit.cli.grading import Database
from simkit.cli.output import console, friendly_errors, inert
from simkit.gradebook.db import connect
from simkit.lti.ags import AgsClient
from simkit.lti.config import HINT, Platform
from simkit.lti.keys import tool_key
from simkit.lti.outbox import deliver_due, send_again, waiting

app = typer.Typer(help="LTI 1.3: grade passback to the learning platform (docs/lti.md).", no_args_is_help=True)


def _line(row: dict[str, Any]) -> str:
    """One passback on one line (whatever the terminal's width): id, who, what, where it stands, why."""
    tries = f"{row['tries']} {'try' if row['tries'] == 1 else 'tries'}"
    if row["status"] == "sent":
        when = f"sent {_time(row['sent_at'])}"
    elif row["status"] == "pending":
        when = f"next try {_time(row['next_try_at'])}"
    else:
        when = row["status"]
    error = f": {row['last_error']}" if row["last_error"] and row["status"] != "sent" else ""
    score = f"{row['score']:g}/{row['max_score']:g}"
    return inert(f"#{row['id']} {row['learner_id']} {row['course_id']} {score} {row['status']}, {tries}, {when}{error}")


def _time(stamp: Any) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M:%S UTC") if stamp else "?"


@app.command("passbacks")
@friendly_errors
def passbacks_command(
    everything: Annotated[bool, typer.Option("--all", help="Also the scores sent and those superseded.")] = False,
    db: Database = None,
) -> None:
    """List the scores not yet taken by the platform: pending (tried again at the time shown) and failed (refused
    for good: fix the cause, then `simkit lti send --again`)."""
    rows = waiting(connect(db), everything)
    if not rows:
        console.print("no score is waiting for the learning platform" if not everything else "no passback yet")
        return
    for row in rows:
        console.print(_line(row), soft_wrap=True)
    pending = sum(row["status"] == "pending" for row in rows)
    failed = sum(row["status"] == "failed" for row in rows)
    console.print(f"{pending} pending, {failed} failed")


@app.command("send")
@friendly_errors
def send_command(
    again: Annotated[bool, typer.Option("--again", help="Also the failed ones, and pending ones now.")] = False,
    db: Database = None,
) -> None:
    """Send the scores whose time has come now, rather than wait for the grading service."""
    platform = Platform.from_environment()
    if platform is None:
        raise ValueError(f"SIMKIT_LTI_ISSUER is not set: no learning platform to send to {HINT}")
    engine = connect(db)
    if again:
        send_again(engine)
    sent, failed = deliver_due(engine, AgsClient(platform, tool_key(platform.key_file, create=False)))
    console.print(f"{sent} sent, {failed} not sent (see `simkit lti passbacks`)")
    if failed:
        raise typer.Exit(1)
