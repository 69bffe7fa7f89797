"""The ``service-agreement`` letter kind (服务协议): model, figures, rules, template, scaffold.

A bilateral agreement (seed 001, letter 8): the duties of both parties, the fee and its
instalments with a deemed-confirmation period, VAT and invoices, late-payment 违约金 with a daily
rate and a cap, an optional monthly service-quality 违约金, optional entrusted processing of personal
information (个人信息保护法第二十一条), termination (for convenience only with compensation), the
service location, counterparts and one dispute forum.  Both parties sign.

Registered through the entry point ``service-agreement = "letters.kinds.service_agreement:KIND"``
in pyproject.toml, exactly as a third party's kind would be.
"""

from __future__ import annotations

from pathlib import Path

from ...i18n import N_
from .. import Kind
from .figures import figures
from .model import ServiceAgreementSpec
from .rules import RULES

KIND = Kind(
    name="service-agreement",
    title=N_("服务协议：双方权利义务、分期付款、逾期付款违约金、协议解除与争议解决"),
    model=ServiceAgreementSpec,
    folder=Path(__file__).resolve().parent,
    figures=figures,
    rules=tuple(RULES),
    examples={},
    multipliers=frozenset(),
    zero_allowed=frozenset(),
)
