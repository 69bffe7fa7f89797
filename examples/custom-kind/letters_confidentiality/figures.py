"""Compute the figures a 保密承诺函 prints: the bounds of its penalty range."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .model import ConfidentialitySpec


@dataclass(frozen=True)
class ConfidentialityFigures:
    """Hold the derived figures of a 保密承诺函."""

    penalty_minimum: Decimal
    penalty_maximum: Decimal


def figures(spec: ConfidentialitySpec) -> ConfidentialityFigures:
    """Return the derived figures of a confidentiality spec."""
    return ConfidentialityFigures(spec.penalty.minimum, spec.penalty.maximum)
