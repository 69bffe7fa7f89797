"""Produce letters: the one path from a spec to its files — load, check, render, store.

:func:`produce` is that path; ``letters render``, ``letters batch`` (one call per client row),
``letters build`` and :func:`render` all call it.  A spec with an error is refused: nothing is
rendered, nothing is written.  The formats are the writers of :mod:`letters.writers`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import writers
from .checks import check
from .contract import Contract, from_source, load
from .diagnostics import Diagnostic, LettersError, SpecError, sort_key
from .i18n import _
from .source import Source

Spec = Contract | Source | str | os.PathLike[str]  # a loaded spec, a batch row's source, a file


def render_contract(
    contract: Contract,
    formats: Sequence[str] | None = None,
    templates: Sequence[str | os.PathLike[str]] = (),
) -> dict[str, bytes]:
    """Compose *contract* once and return ``{format: bytes}`` for *formats* (default: all).

    The contract is assumed checked; :func:`produce` is the checked path.  Raise ValueError
    for a format no writer is registered for.
    """
    from .compose import compose

    chosen = writers.chosen(formats)
    doc = compose(contract, templates)
    return {w.name: w.render(doc) for w in chosen}


@dataclass
class Produced:
    """Hold what producing one letter did: its findings, each output's status, its failure.

    *files* holds ``(file name, status)`` in format order (statuses: see
    :func:`letters.output.store`); *outputs* holds the bytes by format when nothing was stored
    (no folder given).  *error* is a failure that is not a finding of the spec — a template
    that fails, a file that cannot be written — and *exit_code* the worst code of the letter:
    0 produced (warnings allowed), 1 refused for its findings, 2 unreadable or failed.
    """

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)
    diffs: list[tuple[str, str, str]] = field(default_factory=list)  # (text file name, old, new)
    outputs: dict[str, bytes] = field(default_factory=dict)
    error: LettersError | None = None
    exit_code: int = 0

    @property
    def ok(self) -> bool:
        """Tell whether the letter was produced."""
        return self.exit_code == 0


def produce(
    spec: Spec,
    formats: Sequence[str] | None = None,
    templates: Sequence[str | os.PathLike[str]] = (),
    *,
    folder: Path | None = None,
    stem: str | None = None,
    mode: str = "write",
    blockers: Sequence[Diagnostic] = (),
    relabel: Callable[[Diagnostic], Diagnostic] | None = None,
    locale: str | None = None,
    draft: bool = False,
) -> Produced:
    """Take *spec* through load → check → render → store; return what it did.

    *spec* is a loaded :class:`Contract`, a :class:`~letters.source.Source` (a batch row laid
    over its base) or the path of a spec file.  A spec that cannot be loaded, or has an error
    among its findings or in *blockers* (findings from outside the spec that refuse it, such as
    a batch row's duplicate letter number), is refused: nothing is rendered or stored.
    *relabel* rewrites each finding of the spec (a batch names the row in findings about its
    base).  *formats* default to every registered writer.  *locale* (``--locale``) replaces the
    spec's ``locale`` before it is checked; *draft* (``--draft``) makes the letter a draft.

    With a *folder*, each output is stored as ``folder/<stem><suffix>`` by *mode* (see
    :func:`letters.output.store`; *stem* defaults to the spec file's stem); without one,
    nothing is written and the bytes are returned in :attr:`Produced.outputs`.  A failure
    while rendering or storing (:class:`LettersError`) ends the letter and is returned in
    :attr:`Produced.error`; anything else (a bug) is raised.
    """
    done = Produced()
    try:
        if isinstance(spec, Contract):
            contract = spec
        elif isinstance(spec, Source):
            contract = from_source(spec)
        else:
            contract = load(Path(spec))
    except SpecError as exc:
        found = exc.diagnostics
        done.exit_code = max(1, exc.exit_code)
    else:
        contract = contract.with_locale(locale).as_draft(draft)
        found = check(contract)
    if relabel is not None:
        found = [relabel(d) for d in found]
    if blockers:
        found = sorted([*found, *blockers], key=sort_key)
    done.diagnostics = found
    if done.exit_code or any(d.is_error for d in found):
        done.exit_code = max(1, done.exit_code)
        return done
    try:
        outputs = render_contract(contract, formats, templates)
        if "pdf" in outputs:
            done.diagnostics.extend(_pdf_fonts(outputs["pdf"], contract))
        if folder is None:
            done.outputs = outputs
            return done
        from .output import store_all

        name = contract.stem if stem is None else stem
        done.files = store_all(folder, name, outputs, mode, done.diffs)
    except LettersError as exc:
        done.error, done.exit_code = exc, exc.exit_code
    return done


def render(
    spec: Contract | str | os.PathLike[str],
    to: str = "docx",
    templates: Sequence[str | os.PathLike[str]] = (),
) -> bytes | str:
    """Check and render *spec* (a path or a loaded contract) as ``docx`` bytes or ``md`` text.

    A text format (see :mod:`letters.writers`) is returned as ``str``.  Raise
    :class:`~letters.diagnostics.SpecError` (with every finding) when the spec has errors.
    """
    done = produce(spec, (writers.chosen((to,))[0].name,), templates)
    if done.error is not None:
        raise done.error
    if not done.ok:
        raise SpecError(done.diagnostics, done.exit_code)
    data = done.outputs[to]
    return data.decode("utf-8") if writers.get(to).text else data


_FALLBACK_TOLD: list[bool] = []  # the fallback is said once per process


def _pdf_fonts(pdf: bytes, contract: Contract) -> list[Diagnostic]:
    """Refuse a PDF without a CJK font (its Chinese would be boxes); warn, once per process,
    when the fonts the letter asks for were replaced (letters.writers.pdf)."""
    from .diagnostics import Mark
    from .writers.pdf import ConversionError, fallback, font_problem

    problem = font_problem(pdf)
    if problem:
        raise ConversionError(problem)
    used = fallback(pdf)
    if not used or _FALLBACK_TOLD:
        return []
    _FALLBACK_TOLD.append(True)
    message = _("PDF 使用了替代字体 {fonts}：本机没有承诺函要求的中文字体（宋体、黑体等）").format(
        fonts=", ".join(used)
    )
    return [Diagnostic("font-fallback", "warning", (), message, Mark(contract.file))]
