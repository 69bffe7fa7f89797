"""Declare the model of the 保密承诺函 on the parts every letter shares."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from letters.modeling import Model, f
from letters.parts import LetterSpec


@dataclass(frozen=True)
class Agreement(Model):
    """主协议"""

    name: str = f("协议名称", "不含书名号")
    number: str = f("协议编号")
    effective: _dt.date = f("生效日期")
    expires: _dt.date = f("终止日期")


@dataclass(frozen=True)
class PenaltyRange(Model):
    """违约金区间"""

    minimum: Decimal = f("违约金下限（元）", "人民币元，最多两位小数", example="50000.00")
    maximum: Decimal = f("违约金上限（元）", "不低于下限", example="500000.00")


@dataclass(frozen=True, kw_only=True)
class ConfidentialitySpec(LetterSpec):
    """保密承诺函"""

    template: Literal["confidentiality"] = f("文书类型", "confidentiality：保密承诺函")
    agreement: Agreement = f("主协议")
    covered: list[str] = f("保密信息范围", "逐项列出承诺方因履行主协议而知悉的信息")
    years: int = f("保密期限（年）", "主协议终止后继续保密的年数")
    penalty: PenaltyRange = f("违约金")
