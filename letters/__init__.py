"""letters: checked Chinese commitment letters (承诺函) from YAML contract specs.

The public API is small: :func:`load` a spec, :func:`check` it, :func:`render` it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .checks import check
from .contract import Contract, load
from .diagnostics import Diagnostic, LettersError, SpecError

if TYPE_CHECKING:
    from .rendering import render as render

__all__ = ["Contract", "Diagnostic", "LettersError", "SpecError", "check", "load", "render"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "render":  # imported lazily: it pulls in Jinja and the writers
        from .rendering import render

        return render
    raise AttributeError(name)
