"""Entry point of the ``simkit`` command: one sub-command group per concern."""

from __future__ import annotations

import typer

from simkit import __version__
from simkit.cli import authoring, compliance, courses, grading, law, lti, records, serve, simulate, statistics

app = typer.Typer(
    help="simkit: training and simulation kit on service ethics for the civil service of Kazakhstan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(law.app, name="law")
authoring.register(app)
courses.register(app)
serve.register(app)
grading.register(app)
statistics.register(app)
records.register(app)
compliance.register(app)
app.add_typer(simulate.app, name="simulate")
app.add_typer(lti.app, name="lti")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"simkit {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Rules of the Law and the Code, scenarios, simulation and grading."""
