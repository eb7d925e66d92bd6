"""`simkit serve`: release the courses and serve the course app for one learner on this machine (`make run`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from simkit.cli.output import console, errors, friendly_errors, inert, learner_option
from simkit.player import identity
from simkit.player.serving import (
    COURSE_PAGE,
    DEFAULT_HOST,
    DEFAULT_PORT,
    is_loopback,
    shared_host_refusal,
    shared_host_warning,
    voila_command,
)
from simkit.scenarios.release import release_courses
from simkit.settings import release_root


def _exec(command: list[str], env: dict[str, str]) -> None:
    os.execve(command[0], command, env)  # Voilà takes this process's place: Ctrl-C and signals reach it directly


# Replaced in tests that must not start a server on a non-loopback address (the project binds only loopback).
run_server: Callable[[list[str], dict[str, str]], None] = _exec


@friendly_errors
def serve(
    context: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on; only loopback addresses unless told.")
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port of the course app.")] = DEFAULT_PORT,
    learner: Annotated[
        str | None, typer.Option(help="The learner's id (default: $SIMKIT_LEARNER, else the OS user).")
    ] = None,
    one_learner_for_everyone: Annotated[
        bool,
        typer.Option(
            "--one-learner-for-everyone",
            help="Allow a non-loopback --host although everyone who reaches the port is then the one learner.",
        ),
    ] = False,
    notebook: Annotated[
        Path,
        typer.Option(help="The course page to serve (default: notebooks/course_home.ipynb).", show_default=False),
    ] = COURSE_PAGE,
) -> None:
    """Release every course, then serve the course app (Voilà) for one learner on http://HOST:PORT.

    One server is one learner: whoever opens the page acts as them. To serve many people, each signed in, use
    `make hub` (JupyterHub). Options after `--` go to Voilà as they are (e.g. `-- --no-browser`).
    """
    env = dict(os.environ)
    if learner is not None:
        learner_option("--learner", learner)  # refused here as everywhere, not only once the page opens
        env[identity.LEARNER_VARIABLE] = learner
    who = identity.identity_in(env)
    if not is_loopback(host):
        if not one_learner_for_everyone:
            raise ValueError(shared_host_refusal(host, port, who.learner))
        errors.print(f"[yellow]{inert(shared_host_warning(host, port, who.learner))}[/yellow]")
    if not notebook.is_file():
        raise ValueError(f"{notebook}: no course page there (hint: run from a checkout of simkit, or give --notebook)")
    folders = release_courses(None)
    released = ", ".join(folder.name for folder in folders) or "no course"
    console.print(inert(f"released {released} into {release_root()}"), soft_wrap=True)
    console.print(inert(f"serving the course app for {who.learner} on http://{host}:{port}/"), soft_wrap=True)
    env["VOILA_APP_IP"] = host  # a pre-heated kernel finds its server there
    run_server(voila_command(host, port, notebook, tuple(context.args)), env)


def register(app: typer.Typer) -> None:
    app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(serve)
