"""Placeholder: sub-commands are registered here (being written)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def register(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add this module's sub-commands to *sub*; return their handlers."""
    return {}
