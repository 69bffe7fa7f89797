"""Find the defined terms the body of an sla-annex letter uses, and where.

Two sources of use:

* the template's own clauses, whose wording this module declares in :func:`template_terms`
  (``tests/test_kind_sla_annex.py`` renders the letter and checks that each of these words
  really is in the body, so the declaration cannot drift from the template);
* the spec's free text (definitions, severity criteria, exclusions, the client's duties), where
  a writer marks a reference to a defined term with corner brackets: ``「服务中断」``.  The
  brackets are a mark of the spec only; the letter prints the bare term (:func:`plain`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...diagnostics import Path_
    from .model import SlaAnnexSpec

OPEN, CLOSE = "「", "」"
_MARK = re.compile(r"「([^「」\n]*)」")


def template_terms(spec: SlaAnnexSpec) -> list[tuple[str, Path_, bool]]:
    """Return (term, spec part whose clause uses it, definition required) for each word the
    template writes in the body that a definition explains.

    Required terms carry the letter's measurements: the template relies on their definitions
    and never restates them.  The others are ordinary words of the body; defining them is
    optional, and a definition of one counts as used.
    """
    out: list[tuple[str, Path_, bool]] = [
        ("服务可用性", ("availability", "target"), True),
        ("服务中断", ("availability", "target"), True),
        ("故障响应时间", ("severities",), True),
        ("修复时间", ("severities",), True),
        ("考核周期", ("availability", "window"), False),
        ("故障级别", ("severities",), False),
        ("主协议", ("agreement",), False),
    ]
    ex = spec.exclusions
    if ex is not None and ex.planned_maintenance is not None:
        out.append(("计划性维护", ("exclusions", "planned_maintenance"), True))
    if ex is None or ex.force_majeure:
        out.append(("不可抗力", ("exclusions",), False))
    if spec.support is not None:
        out.append(("技术支持", ("support",), True))
    if spec.credits is not None:
        out.append(("服务费", ("credits", "period_fee"), False))
    return out


def free_texts(spec: SlaAnnexSpec) -> list[tuple[Path_, str]]:
    """Return (path, text) of every free-text field that may mark references to terms."""
    out: list[tuple[Path_, str]] = [
        (("definitions", i, "text"), d.text) for i, d in enumerate(spec.definitions)
    ]
    out += [
        (("severities", i, "description"), s.description) for i, s in enumerate(spec.severities)
    ]
    ex = spec.exclusions
    if ex is not None:
        out += [(("exclusions", "others", i), t) for i, t in enumerate(ex.others)]
        pm = ex.planned_maintenance
        if pm is not None and pm.slot:
            out.append((("exclusions", "planned_maintenance", "slot"), pm.slot))
    out += [(("cooperation", i), t) for i, t in enumerate(spec.cooperation)]
    return out


def references(text: str) -> list[str]:
    """Return the terms *text* marks as defined (``「服务中断」`` → 服务中断), in order."""
    return [m.group(1).strip() for m in _MARK.finditer(text)]


def unbalanced(text: str) -> bool:
    """Return True if *text* has a corner bracket without its partner (or an empty mark)."""
    rest = _MARK.sub("", text)
    return OPEN in rest or CLOSE in rest or any(not t for t in references(text))


def plain(text: str) -> str:
    """Return *text* as the letter prints it: each ``「term」`` becomes the bare term."""
    return _MARK.sub(lambda m: m.group(1).strip(), text)


def normal(term: str) -> str:
    """Return *term* without surrounding quotes and spaces, for comparing terms."""
    return term.strip().strip("“”\"'「」『』").strip()
