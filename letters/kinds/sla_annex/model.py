"""Declare the model of the 服务水平协议 annexed to a main agreement (``sla-annex``)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ...modeling import Model, f
from ...parts import LetterSpec
from ...units import Duration, Percent

Window = Literal["month", "quarter", "year"]


@dataclass(frozen=True)
class AnnexPartyLabels(Model):
    """当事人称谓"""

    provider: str = f(
        "服务提供方的称谓",
        "当事人信息、正文与签署栏对服务提供方的称呼，默认“服务提供方”",
        default="服务提供方",
    )
    client: str = f(
        "服务接受方的称谓",
        "当事人信息、正文与签署栏对服务接受方的称呼，默认“服务接受方”",
        default="服务接受方",
    )


@dataclass(frozen=True)
class AnnexAgreement(Model):
    """主协议"""

    name: str = f("协议名称", "不含书名号")
    number: str = f("协议编号")
    effective: _dt.date = f("服务期限起始日")
    expires: _dt.date = f("服务期限届满日")
    annex_no: str | None = f(
        "附件序号", "本服务水平协议在主协议附件中的序号，如 附件二（可选）", default=None
    )


@dataclass(frozen=True)
class AnnexService(Model):
    """服务信息"""

    name: str = f("服务名称")
    scope: list[str] = f("服务范围", "列表（可选）", factory=tuple)


@dataclass(frozen=True)
class AnnexDefinition(Model):
    """术语定义"""

    term: str = f("术语", "不含引号；其他条款的文字引用它时写作「术语」")
    text: str = f("释义", "“指”之后的文字，不含句末句号；可用「术语」引用其他已定义的术语")


@dataclass(frozen=True)
class AnnexAvailability(Model):
    """服务可用性"""

    target: Percent = f("可用性承诺值", "每个考核周期的服务可用性下限，如 99.9%；须低于 100%")
    window: Window = f(
        "考核周期",
        "month（自然月）、quarter（自然季度）或 year（服务年度）；有可用性违约金时须与其计算周期一致",
    )


@dataclass(frozen=True)
class AnnexMaintenance(Model):
    """计划性维护"""

    notice: Duration = f("提前通知时间", "如 72h")
    allowance: Duration = f(
        "每个考核周期不计入服务中断的上限", "经提前通知的计划性维护在此时长内不计入服务中断，如 4h"
    )
    slot: str | None = f("维护时段", "如 每周六0:00至6:00（可选）", default=None)


@dataclass(frozen=True)
class AnnexExclusions(Model):
    """不计入服务中断的情形"""

    planned_maintenance: AnnexMaintenance | None = f("计划性维护", default=None)
    force_majeure: bool = f("不可抗力", "true（默认）：不可抗力造成的服务中断不计入", default=True)
    client_caused: bool = f(
        "服务接受方原因", "true（默认）：因服务接受方原因造成的服务中断不计入", default=True
    )
    others: list[str] = f("其他情形", "列表（可选）；可用「术语」引用已定义的术语", factory=tuple)


@dataclass(frozen=True)
class AnnexSeverity(Model):
    """故障级别"""

    level: str = f("级别代号", "如 P1；从最严重的级别排起")
    name: str = f("级别名称", "如 紧急")
    description: str = f("认定标准", "可用「术语」引用已定义的术语")
    response: Duration = f("故障响应时间", "如 15min；短于修复时间")
    repair: Duration = f("修复时间", "如 4h；级别越轻不得越短")


@dataclass(frozen=True)
class AnnexSupport(Model):
    """技术支持"""

    channels: list[str] = f("报告渠道", "如 工单系统、服务热线")
    hotline: str | None = f("服务热线号码", default=None)
    email: str | None = f("技术支持邮箱", default=None)


@dataclass(frozen=True)
class AnnexCreditTier(Model):
    """违约金档位"""

    below: Percent = f("可用性低于", "本档适用于服务可用性低于此值（且不低于下一档此值）的考核周期")
    rate: Percent = f("违约金比例", "占该考核周期服务费的比例；档位越低比例越高")


@dataclass(frozen=True, kw_only=True)
class AnnexCredits(Model):
    """可用性违约金"""

    period: Window = f("计算周期", "须与可用性的考核周期一致")
    period_fee: Decimal = f("每个计算周期的服务费（元）", "违约金的计算基数", example="120000.00")
    tiers: list[AnnexCreditTier] = f("违约金档位", "第一档的“可用性低于”等于承诺值，其后依次降低")
    cap: Percent | None = f(
        "每一服务年度的违约金上限",
        "占该服务年度服务费的比例；按完整服务年度计的上限不得低于最高一档一个周期的违约金（可选）",
        default=None,
    )
    pay_within: Duration | None = f(
        "无服务费可扣减时的支付期限",
        "自收到书面通知之日起，如 15d；不写则按主协议约定的付款期限",
        default=None,
    )
    exclusive: bool = f(
        "违约金是否为唯一救济",
        "false（默认）：违约金不足以弥补损失的，服务接受方可就不足部分请求赔偿；true：违约金是可用性未达标的全部救济",
        default=False,
    )


@dataclass(frozen=True, kw_only=True)
class SlaAnnexSpec(LetterSpec):
    """服务水平协议（主协议附件）"""

    BILATERAL = True  # an annex of the main agreement: both parties sign it

    template: Literal["sla-annex"] = f(
        "文书类型", "sla-annex：服务水平协议（主协议附件，双方签署）"
    )
    party_labels: AnnexPartyLabels | None = f(
        "当事人称谓", "不写则为“服务提供方”“服务接受方”；两个称谓不得相同或互相包含", default=None
    )
    agreement: AnnexAgreement = f("主协议")
    service: AnnexService = f("服务信息")
    definitions: list[AnnexDefinition] = f(
        "术语与定义", "正文使用的每个术语都应在此定义，在此定义的每个术语都应在正文使用"
    )
    availability: AnnexAvailability = f("服务可用性")
    exclusions: AnnexExclusions | None = f(
        "不计入服务中断的情形", "不写则只排除不可抗力与服务接受方原因", default=None
    )
    severities: list[AnnexSeverity] = f("故障级别", "从最严重的级别排起")
    support: AnnexSupport | None = f("技术支持", default=None)
    cooperation: list[str] = f(
        "服务接受方的配合事项", "列表（可选）；可用「术语」引用已定义的术语", factory=tuple
    )
    credits: AnnexCredits | None = f(
        "可用性违约金", "不写则未达标的违约责任依主协议的约定", default=None
    )
