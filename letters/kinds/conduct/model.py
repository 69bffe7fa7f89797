"""Declare the model of the 服务行为规范承诺书 (``conduct``).

The letter lists what the provider will never do (``prohibited``) and what it must always do
(``duties``); each item has an ``id``.  The liability part refers to those items by id, never by
copying their text: ``liability.breaches[].refers`` names the items a breach covers, and
``liability.not_covered`` names the items deliberately left without a 违约金.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ...modeling import Model, f
from ...parts import LetterSpec
from ...units import Duration


@dataclass(frozen=True)
class ConductAgreement(Model):
    """主协议"""

    name: str = f("协议名称", "不含书名号")
    number: str = f("协议编号")
    effective: _dt.date = f("服务期限开始日期", "ISO 日期")
    expires: _dt.date = f("服务期限届满日期", "ISO 日期；不早于开始日期")


@dataclass(frozen=True)
class ConductService(Model):
    """适用范围"""

    name: str = f("服务名称", "如 在线支付清结算系统运维服务")
    items: list[str] = f("服务内容", "本承诺书适用的具体服务，逐项列出", factory=tuple)
    users: str | None = f("服务对象", "使用该服务的用户，如 接收方平台的注册用户", default=None)


@dataclass(frozen=True)
class ProhibitedAct(Model):
    """禁止行为"""

    id: str = f("代号", "在本规格内唯一，违约情形以它引用本项，如 leak", example="leak")
    text: str = f("行为", "承诺方不得从事的行为，不含句末标点")
    examples: list[str] = f("包括但不限于", "该行为的典型表现，逐项列出", factory=tuple)


@dataclass(frozen=True)
class Duty(Model):
    """承诺方的义务"""

    id: str = f("代号", "在本规格内唯一，违约情形以它引用本项，如 uptime", example="uptime")
    text: str = f("义务", "承诺方应当履行的义务，不含句末标点")


@dataclass(frozen=True, kw_only=True)
class Supervision(Model):
    """监督检查"""

    department: str = f("监督检查部门", "承诺方内部负责日常监督检查的部门，如 合规管理部")
    full_check_interval: Duration = f(
        "全面检查周期", "每个周期至少进行一次全面检查，如 30d；不得长于服务期限"
    )
    special_check_interval: Duration = f(
        "专项检查周期", "每个周期至少进行一次专项检查，如 90d；不得长于服务期限"
    )
    special_topics: list[str] = f(
        "专项检查事项",
        "专项检查针对的重点事项，如 用户个人信息保护、系统安全漏洞（可选）",
        factory=tuple,
    )
    rectify_days: int = f(
        "整改期限（日）", "检查发现问题的，自发现之日起完成整改的日数；不宜长于全面检查周期"
    )
    report_days: int | None = f(
        "检查结果告知期限（日）", "每次检查结束后书面告知接收方检查结果的日数（可选）", default=None
    )
    client_inspection: bool = f(
        "接收方检查权", "true：接收方有权自行或者委托第三方检查，承诺方配合", default=False
    )


@dataclass(frozen=True, kw_only=True)
class Breach(Model):
    """违约情形"""

    name: str = f("违约情形名称", "如 严重违约、一般违约")
    refers: list[str] = f("所涉条目", "禁止行为或承诺方义务的代号（id），至少一项")
    minimum: Decimal = f(
        "违约金下限（元）", "每次违约的违约金下限，人民币元，最多两位小数", example="100000.00"
    )
    maximum: Decimal = f("违约金上限（元）", "每次违约的违约金上限；不低于下限，不高于累计上限")
    cure_days: int | None = f(
        "改正期限（日）",
        "写了则所涉义务自承诺方发现或者收到接收方书面通知之日起（以较早者为准）该日数内仍未改正的才构成违约；"
        "只适用于能够改正的义务，不适用于禁止行为（可选）",
        default=None,
    )
    terminate: bool = f(
        "接收方可解除主协议", "true：发生本情形的，接收方有权解除主协议", default=False
    )


@dataclass(frozen=True)
class Liability(Model):
    """违约责任"""

    breaches: list[Breach] = f("违约情形", "每一情形引用若干条目，并约定违约金区间")
    not_covered: list[str] = f(
        "不适用违约金的条目",
        "明确不约定违约金、依主协议及法律规定承担责任的条目代号；每一条目须被某一违约情形引用或列在此处",
        factory=tuple,
    )
    repeat_days: int | None = f(
        "持续违约另计周期（日）",
        "同一违约行为持续的，自构成违约之日起每满该日数另计一次违约（可选）；不写则持续的同一行为只计一次",
        default=None,
    )
    cap: Decimal | None = f(
        "违约金累计上限（元）",
        "服务期限内依本承诺书支付的违约金累计上限；主协议续展的，每一续展期间分别适用（可选）",
        default=None,
    )
    exclusive: bool = f(
        "违约金是否为唯一救济",
        "false（默认）：违约金不足以弥补损失的，接收方可就不足部分请求赔偿；true：违约金是全部救济",
        default=False,
    )


@dataclass(frozen=True, kw_only=True)
class ConductSpec(LetterSpec):
    """服务行为规范承诺书"""

    template: Literal["conduct"] = f("文书类型", "conduct：服务行为规范承诺书")
    agreement: ConductAgreement = f("主协议")
    basis: list[str] = f(
        "制定依据",
        "法律、行政法规或者规范性文件的名称，不含书名号，如 中华人民共和国个人信息保护法",
        factory=tuple,
    )
    service: ConductService = f("适用范围")
    prohibited: list[ProhibitedAct] = f("禁止行为", "承诺方不得从事的行为，至少一项")
    duties: list[Duty] = f("承诺方的义务", "承诺方应当履行的义务", factory=tuple)
    supervision: Supervision = f("监督检查")
    liability: Liability = f("违约责任")
