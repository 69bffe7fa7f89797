"""Render checked contracts into letters: one composition, every requested writer."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .checks import check
from .diagnostics import SpecError
from .spec import Contract, load

FORMATS = ("docx", "md")


def render_contract(
    contract: Contract,
    formats: Sequence[str] = FORMATS,
    templates: Sequence[str | os.PathLike[str]] = (),
) -> dict[str, bytes]:
    """Compose *contract* once and return ``{"docx": bytes, "md": bytes}`` for *formats*.

    The contract is assumed checked; :func:`render` is the checked entry point.
    """
    from .compose import compose

    doc = compose(contract, templates)
    out: dict[str, bytes] = {}
    for ext in formats:
        if ext == "md":
            from .writers.markdown import write_markdown

            out["md"] = write_markdown(doc).encode("utf-8")
        elif ext == "docx":
            from .writers.docx import write_docx

            out["docx"] = write_docx(doc)
        else:
            raise ValueError(f"unknown format {ext!r}")
    return out


def render(
    spec: Contract | str | os.PathLike[str],
    to: str = "docx",
    templates: Sequence[str | os.PathLike[str]] = (),
) -> bytes | str:
    """Check and render *spec* (a path or a loaded contract) as ``docx`` bytes or ``md`` text.

    Raise :class:`~letters.diagnostics.SpecError` (with every finding) when the spec has errors.
    """
    contract = spec if isinstance(spec, Contract) else load(Path(spec))
    diags = check(contract)
    if any(d.is_error for d in diags):
        raise SpecError(diags)
    data = render_contract(contract, (to,), templates)[to]
    return data.decode("utf-8") if to == "md" else data
