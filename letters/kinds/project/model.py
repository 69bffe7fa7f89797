"""Declare the model of the 项目服务水平连续性承诺书 (``project``).

A project letter follows one project through three stages: 前期准备 (before the project
starts), 实施过程 (from the start to the end of the project) and 后期评估 (after the end).
Each stage lists what the provider 必须 do (a duty with a date is a gate of that stage) and
what it 严禁 does; the letter prints them as “承诺方应当……” and “承诺方不得……”. The
implementation stage adds the incident times and the drill interval, the evaluation stage the
deadline of the evaluation report and of its filing (made only with the client's written consent).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ...modeling import Model, f
from ...parts import LetterSpec
from ...units import Duration

_FORBID = (
    "正文写作“承诺方不得……”；不得与任何必须事项相同，也不要以“不”“未”开头（应做的事列为必须事项）"
)


@dataclass(frozen=True)
class Project(Model):
    """项目信息"""

    name: str = f("项目名称", "如 智慧园区综合管理平台运维保障项目；用于标题与正文")
    contract: str = f("项目合同名称", "承诺书所依附的项目合同（正文称“主协议”），不含书名号")
    start: _dt.date = f(
        "项目启动日", "实施过程自该日开始；前期准备的节点均应早于该日；正文定义为“项目启动日”"
    )
    end: _dt.date = f(
        "服务结束日", "实施过程至该日结束（含该日）；后期评估自次日起算；正文定义为“服务结束日”"
    )
    number: str | None = f("项目编号", default=None)
    contract_number: str | None = f("项目合同编号", default=None)


@dataclass(frozen=True)
class Duty(Model):
    """必须事项"""

    text: str = f("事项", "以动词开头，如 组建专门的服务水平连续性保障团队；正文写作“承诺方应当……”")
    by: _dt.date | None = f(
        "完成期限",
        "ISO 日期；写了即为本阶段的节点，正文写作“于某日前（含该日）完成”，须落在本阶段的期间内并依次不早于前一节点",
        default=None,
    )


@dataclass(frozen=True)
class Preparation(Model):
    """前期准备"""

    must: list[Duty] = f(
        "必须事项",
        "项目启动前须完成的事项；带 by 的为节点，晚于承诺生效日、早于项目启动日（本承诺书推迟生效的，节点按推迟的日数顺延）",
        factory=tuple,
    )
    forbid: list[str] = f("严禁事项", _FORBID, factory=tuple)


@dataclass(frozen=True)
class Incident(Model):
    """应急响应"""

    response: Duration = f(
        "启动应急响应时限",
        "自接收方报告或者承诺方监测发现服务中断、功能劣化之时起算（以较早者为准），如 1h；须短于初步恢复时限",
    )
    initial_recovery: Duration = f(
        "完成初步恢复时限",
        "自同一时点起算，如 4h；“初步恢复”指受影响的服务恢复可用，不以消除根本原因为限",
    )


@dataclass(frozen=True)
class Drills(Model):
    """连续性演练"""

    interval: Duration = f(
        "演练周期", "以日计，如 90d：自项目启动日起每一周期至少演练一次；不得长于项目实施期"
    )
    record_within: Duration | None = f(
        "演练记录送交时限", "演练结束后形成书面记录并送交接收方的期限，如 5d（可选）", default=None
    )


@dataclass(frozen=True, kw_only=True)
class Implementation(Model):
    """实施过程"""

    incident: Incident = f("应急响应")
    drills: Drills = f("连续性演练")
    must: list[Duty] = f(
        "必须事项",
        "实施期间的事项；带 by 的为节点，须落在项目启动日与服务结束日之间",
        factory=tuple,
    )
    forbid: list[str] = f("严禁事项", _FORBID, factory=tuple)


@dataclass(frozen=True)
class Filing(Model):
    """评估报告备案"""

    authority: str = f(
        "备案部门",
        "接受评估报告备案的部门全称；接收方在评估报告最迟完成之日前书面同意的，承诺方才备案",
    )
    within: Duration = f(
        "备案期限", "以日计，自评估报告最迟完成之日起算，如 10d；后期评估阶段至备案的最迟日期止"
    )
    publish: bool = f(
        "按要求公示",
        "true：备案部门要求公示的，承诺方事先取得接收方书面同意后公示（涉及接收方商业秘密、个人信息的内容除外）",
        default=False,
    )


@dataclass(frozen=True, kw_only=True)
class Evaluation(Model):
    """后期评估"""

    within: Duration = f(
        "评估期限", "以日计，自服务结束日的次日起算，如 30d；评估报告最迟完成之日由此算出"
    )
    contents: list[str] = f("评估报告内容", "如 服务达标情况、问题复盘、改进措施")
    filing: Filing | None = f("评估报告备案", "只在接收方书面同意时备案", default=None)
    must: list[Duty] = f(
        "必须事项",
        "服务结束后的其他事项；带 by 的为节点，须晚于服务结束日且不晚于评估报告最迟完成之日",
        factory=tuple,
    )
    forbid: list[str] = f("严禁事项", _FORBID, factory=tuple)


@dataclass(frozen=True)
class Liability(Model):
    """违约责任（可选）"""

    missed_drill: Decimal = f("每少开展一次演练的违约金（元）")
    late_report_per_day: Decimal | None = f("评估报告每逾期一日的违约金（元）", default=None)
    cap: Decimal | None = f(
        "违约金累计上限（元）", "依本承诺书支付的违约金合计不超过此数（可选）", default=None
    )


@dataclass(frozen=True, kw_only=True)
class ProjectSpec(LetterSpec):
    """项目服务水平连续性承诺书"""

    template: Literal["project"] = f("文书类型", "project：项目服务水平连续性承诺书")
    project: Project = f("项目信息")
    effective: _dt.date = f("承诺生效日", "本承诺书自该日起生效；不早于出具日期、早于项目启动日")
    preparation: Preparation = f("前期准备")
    implementation: Implementation = f("实施过程")
    evaluation: Evaluation = f("后期评估")
    liability: Liability | None = f("违约责任", "不写则依主协议的约定承担违约责任", default=None)
