"""Reading input files safely: bytes to text with precise errors, format by extension."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from crimegraph.errors import InputError, Location

#: Largest input file read into memory in one piece. Larger files must be line-based
#: (JSON Lines, CSV), which are streamed.
MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024

EXTENSIONS: dict[str, str] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
}


class LineWindow(str):
    """A file path with a range of its lines, ``first`` ≤ line < ``end`` (``end`` None:
    to the end of the file), for converting a large JSON Lines or CSV file in pieces.

    It is the path itself (a ``str``), so every reader opens the whole file and names it
    in messages as usual; the readers of line-based files keep only the records whose
    first line is in the window (:func:`in_window`), skipping the others before parsing
    them. Line numbers, record numbers and messages are those of a run over the whole
    file. Readers of other formats never get a window (they are split by file only).

    >>> w = LineWindow("articles.jsonl", 3, 5)
    >>> str(w), [in_window(w, n) for n in range(1, 7)], past_window(w, 5)
    ('articles.jsonl', [False, False, True, True, False, False], True)
    """

    first: int
    end: int | None

    def __new__(cls, path: Path | str, first: int = 1, end: int | None = None) -> "LineWindow":
        window = super().__new__(cls, str(path))
        window.first, window.end = first, end
        return window

    def __reduce__(self):  # pickled as itself (sent to cluster workers)
        return (LineWindow, (str(self), self.first, self.end))

    def describe(self) -> str:
        return f"{str(self)} lines {self.first}-{self.end - 1 if self.end else 'end'}"


def in_window(path: Path | str, line: int) -> bool:
    """Whether a record whose first line is ``line`` belongs to this piece of the file
    (always True for a plain path)."""
    if not isinstance(path, LineWindow):
        return True
    return path.first <= line and (path.end is None or line < path.end)


def past_window(path: Path | str, line: int) -> bool:
    """Whether ``line`` lies after this piece of the file: a reader may stop there."""
    return isinstance(path, LineWindow) and path.end is not None and line >= path.end


def display_name(path: Path | str) -> str:
    return "<stdin>" if str(path) == "-" else str(path)


def format_of(path: Path | str) -> str | None:
    """The input format a file's extension stands for, or None."""
    return EXTENSIONS.get(Path(str(path)).suffix.lower())


_stdin: bytes | None = None


def read_stdin() -> bytes:
    """Standard input, read once: the converter reads its inputs twice (two passes)."""
    global _stdin
    if _stdin is None:
        _stdin = sys.stdin.buffer.read()
    return _stdin


def read_bytes(path: Path | str) -> bytes:
    name = display_name(path)
    try:
        if str(path) == "-":
            return read_stdin()
        p = Path(path)
        if p.is_dir():
            raise InputError("is a folder, not a file", Location(file=name))
        size = p.stat().st_size
        if size > MAX_WHOLE_FILE_BYTES:
            raise InputError(
                f"file is {size // (1024 * 1024)} MB; files read whole are limited to "
                f"{MAX_WHOLE_FILE_BYTES // (1024 * 1024)} MB (use JSON Lines or CSV, which are streamed)",
                Location(file=name),
            )
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", Location(file=name)) from None
    except PermissionError:
        raise InputError("permission denied", Location(file=name)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", Location(file=name)) from None


def utf8_lines(path: Path | str, expected: str = "text") -> Iterator[tuple[int, str]]:
    """(line number, line) of a UTF-8 file, streamed: memory does not grow with the file.

    The file is checked first in one streaming pass, so that a file with invalid UTF-8
    or NUL bytes is refused whole before any record of it is used (as
    :func:`decode_utf8` refuses it when the file is read whole). Standard input is
    read whole (it cannot be read twice otherwise).
    """
    name = display_name(path)
    if str(path) == "-":
        text = decode_utf8(read_bytes(path), name, expected)
        yield from enumerate(text.splitlines(), start=1)
        return
    _check_utf8_stream(path, name, expected)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for number, line in enumerate(fh, start=1):
            yield number, line.rstrip("\r\n")


def _check_utf8_stream(path: Path | str, name: str, expected: str) -> None:
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    line, column_base = 1, 0  # line number at the chunk's start; bytes since its last newline
    try:
        p = Path(path)
        if p.is_dir():
            raise InputError("is a folder, not a file", Location(file=name))
        with p.open("rb") as fh:
            first = True
            while chunk := fh.read(1 << 20):
                if first and looks_binary(chunk):
                    raise InputError(f"binary data (NUL bytes), not {expected}", Location(file=name))
                first = False
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    bad = max(0, min(exc.start, len(chunk) - 1))
                    newline = chunk.rfind(b"\n", 0, bad)
                    column = bad - newline if newline >= 0 else column_base + bad + 1
                    raise InputError(
                        f"invalid UTF-8 (byte 0x{chunk[bad]:02x}); save the file as UTF-8",
                        Location(file=name, line=line + chunk.count(b"\n", 0, bad), column=column),
                    ) from None
                line += chunk.count(b"\n")
                last = chunk.rfind(b"\n")
                column_base = len(chunk) - last - 1 if last >= 0 else column_base + len(chunk)
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                raise InputError("invalid UTF-8 at the end of the file; save the file as UTF-8",
                                 Location(file=name, line=line)) from None
    except FileNotFoundError:
        raise InputError("no such file", Location(file=name)) from None
    except PermissionError:
        raise InputError("permission denied", Location(file=name)) from None


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def decode_utf8(data: bytes, name: str, expected: str = "text") -> str:
    """Decode UTF-8 (a leading BOM is dropped); name line and column of invalid bytes."""
    if looks_binary(data):
        raise InputError(f"binary data (NUL bytes), not {expected}", Location(file=name))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            Location(file=name, line=line, column=column),
        ) from None
    return text[1:] if text.startswith("\ufeff") else text
