"""The `labourgraph` command: one click group, each command a few lines calling the library.

User errors (`LabourgraphError`) become one line on stderr and a non-zero exit; anything else
is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from labourgraph import __version__
from labourgraph.errors import LabourgraphError

ROOT_HELP = """labourgraph: a knowledge graph of platform labour (microwork that prepares,
verifies and imitates AI), built from a corpus with every fact traced to its words.

\b
Example:
  labourgraph build
  labourgraph validate
"""

out_option = click.option(
    "--out", "out", type=click.Path(path_type=Path), help="Folder to write into."
)


@click.group(help=ROOT_HELP)
@click.version_option(__version__, prog_name="labourgraph")
def cli() -> None:
    """Root group."""


@cli.group()
def ontology() -> None:
    """Check and document the OWL ontology in ontology/.

    \b
    Example:
      labourgraph ontology check
      labourgraph ontology docs --out docs/ontology-html
    """


def main() -> None:
    """Entry point: run the group, turning user errors into one line on stderr."""
    try:
        cli.main(standalone_mode=False)
    except LabourgraphError as err:
        click.echo(f"labourgraph: error: {err}", err=True)
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        click.echo("labourgraph: aborted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
