"""Read client tables (CSV or XLSX) into rows of cell texts, reporting a bad table as a finding."""

from __future__ import annotations

import csv
import datetime as _dt
import io
import itertools
from collections.abc import Callable, Generator, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, SpecError, UsageError
from ..i18n import _

MAX_TABLE_BYTES = 64 * 1024 * 1024
XLSX_SUFFIXES = (".xlsx", ".xlsm")

Rows = Generator[tuple[int, list[str | None]], None, None]  # (spreadsheet row, cell texts)


class Table:
    """Hold a client table: its display name, its header, and a way to read its rows again.

    Rows are read on demand, one pass at a time, so a batch never holds all of them.
    """

    def __init__(
        self,
        file: str,
        header: list[str | None],
        reader: Callable[[], Iterator[tuple[int, list[str | None]]]],
    ) -> None:
        self.file = file
        self.header = header
        self._reader = reader

    def rows(self) -> Iterator[tuple[int, list[str | None]]]:
        """Yield every data row (the rows after the header), empty ones included."""
        return self._reader()


def read_table(path: Path) -> Table:
    """Open the CSV or XLSX table at *path*.

    Problems are reported as a spec's are: a missing or unreadable table is a ``file-missing``
    or ``file-unreadable`` finding with exit 2, bad content (not UTF-8, malformed, too large) a
    finding with exit 1 (SpecError).  An unsupported kind of file (``.xls``) is a UsageError.
    """
    name = str(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UsageError(
            _("letters: 不支持旧版 Excel 文件 {file}；请另存为 .xlsx 或 CSV UTF-8").format(
                file=name
            )
        )
    if not path.exists():
        raise SpecError.single(name, "file-missing", _("找不到文件"), exit_code=2)
    if not path.is_file():
        raise SpecError.single(
            name,
            "file-unreadable",
            _("不是普通文件（文件夹、设备等），无法作为客户表读取"),
            exit_code=2,
        )
    reader = _xlsx_reader(path, name) if suffix in XLSX_SUFFIXES else _csv_reader(path, name)
    rows = reader()
    first = next(rows, None)
    rows.close()
    header = first[1] if first else []
    return Table(name, header, lambda: itertools.islice(reader(), 1, None))


def _unreadable(name: str, exc: OSError) -> SpecError:
    """Return the ``file-unreadable`` error (exit 2, as for a spec) for a table *name*."""
    return SpecError.single(
        name,
        "file-unreadable",
        _("无法读取文件：{error}").format(error=exc.strerror or exc),
        exit_code=2,
    )


def _csv_reader(path: Path, name: str) -> Callable[[], Rows]:
    from ..source import decode

    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_TABLE_BYTES + 1)  # never read more than the limit allows
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if len(raw) > MAX_TABLE_BYTES:  # a finding (exit 1), like a spec that is too large
        raise SpecError.single(
            name,
            "file-too-large",
            _("文件过大（{size} 字节，上限 {limit} 字节）").format(
                size=path.stat().st_size, limit=MAX_TABLE_BYTES
            ),
        )
    if raw.startswith(b"PK\x03\x04"):
        raise SpecError.single(
            name,
            "malformed-table",
            _("这是 Excel（.xlsx）文件，不是 CSV；请把扩展名改为 .xlsx"),
        )
    try:
        text = decode(raw, name)
    except SpecError as exc:  # a GBK table is a finding at its first bad byte (exit 1)
        diags = [
            Diagnostic(d.code, d.severity, d.path, _excel_hint(d.message), d.mark)
            for d in exc.diagnostics
        ]
        raise SpecError(diags) from None
    del raw
    end = text.find("\n")
    first = text[: end if end >= 0 else len(text)]
    delimiter = max((",", ";", "\t"), key=first.count)

    def rows() -> Rows:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for i, rec in enumerate(records, start=1):
                yield i, [_cell_text(c) for c in rec]
        except csv.Error as exc:  # bad content: a finding at its line (exit 1), like bad YAML
            raise SpecError.single(
                name,
                "malformed-table",
                _("无法解析 CSV：{error}").format(error=exc),
                line=max(records.line_num, 1),
            ) from None

    return rows


def _excel_hint(message: str) -> str:
    """Add to a CSV encoding problem how Excel saves a table as UTF-8."""
    return _("{message}（Excel：文件 → 另存为 →“CSV UTF-8（逗号分隔）”）").format(message=message)


def _cell_text(text: str) -> str | None:
    text = text.strip()
    return text or None


def _xlsx_reader(path: Path, name: str) -> Callable[[], Rows]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise UsageError(_("letters: 读取 .xlsx 需要 openpyxl（pip install openpyxl）")) from None

    def open_book() -> Any:
        try:
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
        except OSError as exc:  # the file cannot be read at all: exit 2, as for a spec
            raise _unreadable(name, exc) from None
        except Exception as exc:  # BadZipFile, KeyError, InvalidFileException: bad content
            import zipfile

            if isinstance(exc, zipfile.BadZipFile):  # zipfile's English says nothing more
                why = _("文件已损坏，或并非以 Excel 工作簿（.xlsx）格式保存")
            else:
                why = str(exc) or type(exc).__name__
            raise SpecError.single(
                name,
                "malformed-table",
                _("不是有效的 Excel（.xlsx）文件：{error}").format(error=why),
            ) from None

    open_book().close()  # fail now, not in the middle of a run

    def rows() -> Rows:
        wb = open_book()
        try:
            if not wb.worksheets:
                raise SpecError.single(name, "malformed-table", _("Excel 文件没有工作表"))
            ws = wb.worksheets[0]
            for i, row in enumerate(ws.iter_rows(min_row=1, min_col=1), start=1):
                yield i, [xlsx_text(c.value, getattr(c, "number_format", None)) for c in row]
        finally:
            wb.close()

    return rows


def xlsx_text(value: Any, number_format: str | None = None) -> str | None:
    """Return the text a CSV export would give for an XLSX cell *value* (None when empty).

    Numbers keep their exact decimal text (``str(Decimal(repr(value)))``, never exponent form);
    a number formatted as a percentage becomes ``0.3%`` (Excel stores 0.3% as 0.003); dates
    become ``2026-11-22``, times ``09:00``, booleans ``true``/``false``.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, _dt.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if number_format and "%" in number_format:
            return format((number * 100).normalize(), "f") + "%"
        return format(number, "f")
    return _cell_text(str(value))
