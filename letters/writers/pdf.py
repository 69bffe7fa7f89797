"""Write a letter as PDF: its DOCX converted by LibreOffice headless (``--to pdf``).

Every peer that offers PDF goes through LibreOffice; what this module adds is what goes wrong
with it:

* **No LibreOffice**: a usage error (exit 2) naming the Debian package, before anything is
  written — never a traceback, never a silently skipped format.
* **One LibreOffice per process**: each process (each ``--jobs`` worker) converts with its own
  profile folder, so workers convert in parallel instead of queueing on one profile's lock.
* **Hangs**: a conversion that takes longer than ``LETTERS_PDF_TIMEOUT`` seconds (default 120)
  is killed with its whole process group and retried once with a fresh profile; a second hang
  is an error of that letter only (a batch goes on with the others).
* **Fonts**: LibreOffice is given a fontconfig file (:data:`FONTS_CONF`) that maps the fonts the
  letters ask for — 宋体/SimSun, 黑体/SimHei, 新細明體/PMingLiU, 細明體_HKSCS, 微軟正黑體 — to
  the Noto CJK faces of ``fonts-noto-cjk`` (serif for 宋/明, sans for 黑) where the Windows
  fonts are missing.  LibreOffice embeds every font it uses (subsets).  :func:`fonts` reads them
  back; :func:`font_problem` tells whether a PDF has no CJK font at all (Chinese as boxes) and
  :func:`fallback` which asked-for fonts were replaced.
* **PDF/A**: ``LETTERS_PDF_A=1`` (``--pdf-a``) exports PDF/A-2b for archiving.
* **Dates**: LibreOffice stamps each PDF with the time it was made, so ``build --check``
  compares PDFs by their text and page count (:func:`same_pdf`, with poppler), not by bytes.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import LettersError, UsageError
from ..i18n import _

if TYPE_CHECKING:
    from letters.document import Document

INSTALL = "apt-get install libreoffice-writer-nogui fonts-noto-cjk"
POPPLER = "apt-get install poppler-utils"
TIMEOUT_ENV = "LETTERS_PDF_TIMEOUT"
PDF_A_ENV = "LETTERS_PDF_A"
SOFFICE_ENV = "LETTERS_SOFFICE"  # another LibreOffice binary (tests use it to simulate a hang)

# What the letters ask for → what LibreOffice is given where it is missing (fonts-noto-cjk).
FALLBACKS = {
    "宋体": "Noto Serif CJK SC",
    "SimSun": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "SimHei": "Noto Sans CJK SC",
    "新細明體": "Noto Serif CJK TC",
    "PMingLiU": "Noto Serif CJK TC",
    "細明體_HKSCS": "Noto Serif CJK HK",
    "MingLiU_HKSCS": "Noto Serif CJK HK",
    "微軟正黑體": "Noto Sans CJK TC",
    "Microsoft JhengHei": "Noto Sans CJK TC",
    "Times New Roman": "Liberation Serif",
}
# PostScript names of the faces the letters ask for, as a PDF embeds them
_ASKED = (
    "SimSun",
    "NSimSun",
    "SimHei",
    "PMingLiU",
    "MingLiU",
    "MicrosoftJhengHei",
    "TimesNewRoman",
)
_CJK = re.compile(
    r"CJK|Sim(Sun|Hei)|Ming|JhengHei|YaHei|Song|Hei|Kai|Fang|WenQuanYi|DroidSansFallback"
)

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
{aliases}
</fontconfig>
"""


class ConversionError(LettersError):
    """LibreOffice could not convert a letter (exit 2 for that letter)."""

    exit_code = 2


def soffice() -> str:
    """Return the LibreOffice program; raise UsageError (exit 2) naming the package to install."""
    found = os.environ.get(SOFFICE_ENV) or shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise UsageError(
            _("letters: 生成 PDF 需要 LibreOffice，但找不到 soffice；请安装：{command}").format(
                command=INSTALL
            )
        )
    return found


_HOMES: dict[int, Path] = {}


def _home() -> Path:
    """Return this process's folder: its LibreOffice profile, fontconfig file and work files.

    Keyed by process id: a worker forked from a process that converted already gets its own
    (two LibreOffice runs on one profile lock each other out)."""
    pid = os.getpid()
    home = _HOMES.get(pid)
    if home is None:
        home = _HOMES[pid] = _make_home()
    return home


def _make_home() -> Path:
    home = Path(tempfile.mkdtemp(prefix="letters-pdf-"))
    atexit.register(shutil.rmtree, home, True)
    # a worker of a multiprocessing pool ends without atexit: its finalizers run instead
    from multiprocessing import util

    util.Finalize(None, shutil.rmtree, args=(home, True), exitpriority=10)
    aliases = "\n".join(
        f'  <alias binding="same"><family>{asked}</family>'
        f"<prefer><family>{given}</family></prefer></alias>"
        for asked, given in FALLBACKS.items()
    )
    (home / "fonts.conf").write_text(FONTS_CONF.format(aliases=aliases), encoding="utf-8")
    return home


def write_pdf(doc: Document) -> bytes:
    """Return *doc* as PDF bytes (its DOCX through LibreOffice)."""
    from . import get

    return convert(get("docx").render(doc), doc.meta.keywords or "letter")


def convert(docx: bytes, name: str = "letter") -> bytes:
    """Return the PDF of the DOCX bytes *docx*; a hang is killed and retried once, then raised
    as :class:`ConversionError` naming *name*."""
    program = soffice()
    seconds = float(os.environ.get(TIMEOUT_ENV) or 120)
    for attempt in (1, 2):
        try:
            return _convert_once(program, docx, name, seconds)
        except subprocess.TimeoutExpired:
            shutil.rmtree(_home() / "profile", ignore_errors=True)  # a killed run may lock it
            if attempt == 2:
                raise ConversionError(
                    _(
                        "LibreOffice 转换 {name} 超过 {seconds} 秒未完成，已终止；重试一次仍未完成"
                    ).format(name=name, seconds=f"{seconds:g}")
                ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _safe(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]+", "_", name)[:60] or "letter"


def _convert_once(program: str, docx: bytes, name: str, seconds: float) -> bytes:
    home = _home()
    work = Path(tempfile.mkdtemp(dir=home, prefix="job-"))
    try:
        source = work / f"{_safe(name)}.docx"
        source.write_bytes(docx)
        target = "pdf"
        if os.environ.get(PDF_A_ENV):
            target = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
        args = [
            program,
            f"-env:UserInstallation=file://{home / 'profile'}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            target,
            "--outdir",
            str(work),
            str(source),
        ]
        env = dict(os.environ, FONTCONFIG_FILE=str(home / "fonts.conf"))
        proc = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group: a hang is killed whole
        )
        try:
            out, err = proc.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise
        result = source.with_suffix(".pdf")
        if proc.returncode != 0 or not result.is_file():
            detail = [
                line
                for line in (err + out).decode("utf-8", "replace").strip().splitlines()
                if "javaldx" not in line  # LibreOffice's notice that Java is not set up
            ]
            raise ConversionError(
                _("LibreOffice 未能把 {name} 转换为 PDF（退出码 {code}）：{detail}").format(
                    name=name, code=proc.returncode, detail=detail[-1] if detail else "-"
                )
            )
        return result.read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()


# ------------------------------------------------------------------ reading a PDF back

_FONT_NAME = re.compile(rb"/FontName\s*/(?:[A-Z]{6}\+)?([^\s/<>\[\]()]+)")


def fonts(pdf: bytes) -> list[str]:
    """Return the names of the fonts a PDF describes (subset prefixes dropped), in order."""
    names = (m.group(1).decode("latin-1").removesuffix("-VKana") for m in _FONT_NAME.finditer(pdf))
    return list(dict.fromkeys(names))


def font_problem(pdf: bytes) -> str | None:
    """Return a message when the PDF has no CJK font (its Chinese would be boxes), else None."""
    found = fonts(pdf)
    if any(_CJK.search(f) for f in found):
        return None
    return _("PDF 中没有中文字体（只有 {fonts}），中文会显示为方框；请安装：{command}").format(
        fonts=", ".join(found) or "-", command=INSTALL
    )


def fallback(pdf: bytes) -> list[str]:
    """Return the CJK fonts the PDF uses in place of those the letter asks for (empty when the
    asked-for fonts themselves are embedded)."""
    found = fonts(pdf)
    if any(f.replace(" ", "").startswith(_ASKED) for f in found if _CJK.search(f)):
        return []
    return [f for f in found if _CJK.search(f)]


def same_pdf(old: bytes, new: bytes) -> bool:
    """Tell whether two PDFs have the same text and page count (poppler's ``pdftotext`` and
    ``pdfinfo``): LibreOffice stamps every PDF with the time it was made."""
    return _text_and_pages(old) == _text_and_pages(new)


def _text_and_pages(pdf: bytes) -> tuple[str, str]:
    for tool in ("pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            raise UsageError(
                _("letters: 比较 PDF 需要 poppler 的 {tool}；请安装：{command}").format(
                    tool=tool, command=POPPLER
                )
            )
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=False
    ).stdout.decode("utf-8", "replace")
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=False)
    pages = next(
        (
            line.split(":", 1)[1].strip()
            for line in info.stdout.decode("utf-8", "replace").splitlines()
            if line.startswith("Pages:")
        ),
        "",
    )
    return text, pages
