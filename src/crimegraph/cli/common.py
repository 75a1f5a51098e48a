"""What every command shares: printing to stderr, turning errors into exit codes."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import typer
from rich.console import Console

from crimegraph.errors import CrimegraphError

err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_FAILED_CHECK = 1
EXIT_BAD_INPUT = 2


def warn(message: str) -> None:
    err.print(f"[yellow]warning:[/yellow] {message}", markup=True) if err.is_terminal else print(f"warning: {message}", file=sys.stderr)


def error(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", markup=True) if err.is_terminal else print(f"error: {message}", file=sys.stderr)


def info(message: str) -> None:
    print(message, file=sys.stderr)


@contextlib.contextmanager
def handled_errors() -> Iterator[None]:
    """Print crimegraph errors as one line and exit 2; Ctrl-C exits 130 quietly."""
    try:
        yield
    except CrimegraphError as exc:
        error(str(exc))
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except OSError as exc:  # a file the user named cannot be read or written
        where = f"{exc.filename}: " if exc.filename else ""
        error(f"{where}{exc.strerror or exc}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except KeyboardInterrupt:
        error("interrupted; nothing was written")
        raise typer.Exit(130) from None
