"""Declare the model of the 质量标准承诺书 (``quality-standard``)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ...modeling import Model, f
from ...parts import LetterSpec

Interval = Literal["month", "quarter", "half_year", "year"]  # a calendar self-check interval


@dataclass(frozen=True)
class QualityAgreement(Model):
    """主协议（可选）"""

    name: str = f("协议名称", "不含书名号")
    number: str = f("协议编号")
    effective: _dt.date = f("生效日期")
    expires: _dt.date = f("终止日期", "承诺有效期应落在主协议期限之内")


@dataclass(frozen=True)
class Subject(Model):
    """承诺标的"""

    name: str = f("产品或服务名称", "如 企业级数据存储设备运维服务")
    kind: Literal["product", "service"] = f("标的类别", "product（产品）或 service（服务）")
    scope: list[str] = f("范围", "标的包括的具体项目（可选）", factory=tuple)


@dataclass(frozen=True)
class Standard(Model):
    """依据标准"""

    code: str = f(
        "标准编号",
        "带年代号，如 GB/T 19001-2016；国家标准 GB、GB/T、GB/Z 或行业标准如 YD/T",
        example="GB/T 19001-2016",
    )
    title: str = f("标准名称", "不含书名号，如 质量管理体系 要求")


@dataclass(frozen=True)
class Indicator(Model):
    """质量指标"""

    name: str = f("指标名称", "如 服务可用率")
    standard: str | None = f(
        "参照标准编号",
        "指标的定义或检验方法所参照的标准，须是 standards 中声明的某一标准编号；不写表示不参照标准（此时须写指标要求）",
        default=None,
    )
    clause: str | None = f(
        "标准条款",
        "以数字开头时印作“第5.2条”，否则原样印出（如 第8章、附录A（B级））；不写表示整项标准",
        default=None,
    )
    target: str | None = f(
        "指标要求",
        "比较符 + 数值 + 单位，如 ≥99.5%、≤2小时、≥4.5分；百分比不超过 100%；不写表示符合该标准（条款）的要求",
        default=None,
    )
    method: str | None = f(
        "检验方法",
        "统计周期、起止时点、计算公式与记录依据；排除计划性维护的，写明提前通知的期限和每个统计周期的上限；"
        "不写表示按所引用标准规定的方法",
        default=None,
    )


@dataclass(frozen=True)
class SelfCheck(Model):
    """定期自查"""

    interval: Interval = f(
        "自查周期",
        "month（每月）、quarter（每季度）、half_year（每半年）或 year（每年）；须短于有效期",
    )
    report_days: int = f(
        "自查报告提交期限（日）", "每一自查期间届满后提交书面自查报告的日数；须短于自查周期"
    )


@dataclass(frozen=True)
class Rectification(Model):
    """限期整改"""

    days: int = f("整改期限（日）", "自发现或收到书面通知之日起；须短于自查周期")


@dataclass(frozen=True)
class Validity(Model):
    """承诺期间"""

    start: _dt.date = f("起始日", "ISO 日期；承诺方自此日起保证质量，可以晚于出具日期")
    end: _dt.date = f("届满日", "晚于起始日；有主协议时不晚于其终止日期")


@dataclass(frozen=True, kw_only=True)
class QualityPenalty(Model):
    """违约金（可选）"""

    per_item: Decimal | None = f(
        "每项不符合项的违约金（元）",
        "一项指标在一个自查期间内未达到要求即为一项不符合项，每项支付一次；与 per_day 至少写一项",
        default=None,
        example="5000.00",
    )
    per_day: Decimal | None = f(
        "逾期整改每日违约金（元）",
        "每一项不符合项逾期未整改完毕的，每逾期一日支付；须同时写 late_cap",
        default=None,
        example="500.00",
    )
    late_cap: Decimal | None = f(
        "每项逾期整改违约金上限（元）",
        "每一项不符合项的逾期整改违约金累计上限；不低于 per_day",
        default=None,
        example="15000.00",
    )
    cap: Decimal | None = f(
        "违约金累计上限（元）",
        "承诺期间内依本承诺书支付的全部违约金合计；不低于 per_item 和 late_cap",
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class QualityStandardSpec(LetterSpec):
    """质量标准承诺书"""

    template: Literal["quality-standard"] = f("文书类型", "quality-standard：质量标准承诺书")
    agreement: QualityAgreement | None = f("主协议", "本承诺书所依附的协议（可选）", default=None)
    subject: Subject = f("承诺标的")
    standards: list[Standard] = f("依据标准", "每项标准至少被一项指标引用")
    indicators: list[Indicator] = f("质量指标", "每项指标引用 standards 中的一项标准")
    self_check: SelfCheck = f("定期自查")
    rectification: Rectification = f("限期整改")
    validity: Validity = f("承诺期间", "承诺方保证质量的期间；本承诺书自签署之日起生效")
    copies: int = f("份数", "本承诺书一式几份；双方签署时不少于 2 份", default=2)
    penalty: QualityPenalty | None = f("违约金", "不符合项与逾期整改的违约金（可选）", default=None)
