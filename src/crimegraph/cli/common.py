"""What every command shares: printing to stderr, turning errors into exit codes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import typer
from rich.console import Console

from crimegraph.errors import CrimegraphError, InputError, Location

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


#: how many skipped files a folder's summary names before it only counts
SKIPPED_NAMED = 10


def expand_folders(inputs: Sequence[Path], accept: Callable[[Path], bool], what: str, empty_hint: str = "") -> list[Path]:
    """The input files: each file named as it is, each folder as the files in it (and
    in its subfolders, hidden ones left out, in name order) that ``accept`` takes; the
    rest of a folder's files are listed as skipped. A missing or unreadable input, or a
    folder with nothing to take, is an :class:`InputError` (exit 2)."""
    files: list[Path] = []
    for path in inputs:
        if str(path) == "-":
            files.append(path)
            continue
        if not path.exists():
            raise InputError("no such file or folder", Location(file=str(path)))
        if not os.access(path, os.R_OK):
            raise InputError("cannot be read (permission denied)", Location(file=str(path)))
        if not path.is_dir():
            files.append(path)
            continue
        found = sorted(p for p in path.rglob("*") if p.is_file() and not any(
            part.startswith(".") for part in p.relative_to(path).parts))
        taken = [p for p in found if accept(p)]
        skipped = [p for p in found if p not in set(taken)]
        if skipped:
            named = ", ".join(str(p.relative_to(path)) for p in skipped[:SKIPPED_NAMED])
            more = f" and {len(skipped) - SKIPPED_NAMED} more" if len(skipped) > SKIPPED_NAMED else ""
            info(f"{path}: skipped {len(skipped)} file(s) that are not {what}: {named}{more}")
        if not taken:
            raise InputError(f"the folder holds no {what}{empty_hint}", Location(file=str(path)))
        files.extend(taken)
    return files
