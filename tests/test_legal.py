"""The legal-soundness rules read free-text dispute forums: what each form is taken to name.

The rules themselves (paths, lines, severities, passing and failing specs) are tested with every
other rule in ``tests/test_checks.py``; this file pins the reading of the forum text."""

from __future__ import annotations

import pytest

from letters.legal import is_arbitration, is_court, is_staff_body, named_institution, names_venue


@pytest.mark.parametrize(
    ("forum", "institution"),
    [
        ("北京仲裁委员会", "北京仲裁委员会"),
        ("提交杭州仲裁委员会仲裁", "杭州仲裁委员会"),
        ("中国国际经济贸易仲裁委员会", "中国国际经济贸易仲裁委员会"),
        ("深圳国际仲裁院", "深圳国际仲裁院"),
        ("上海国际仲裁中心", "上海国际仲裁中心"),
        ("提交双方共同认可的第三方仲裁机构", None),
        ("提交双方认可的仲裁委员会", None),
        ("提交有管辖权的仲裁委员会", None),
        ("提交服务所在地仲裁委员会", None),
        ("申请仲裁", None),
    ],
)
def test_named_institution(forum: str, institution: str | None) -> None:
    assert named_institution(forum) == institution
    assert is_arbitration(forum)


@pytest.mark.parametrize(
    ("forum", "venue"),
    [
        ("向被告住所地人民法院提起诉讼", True),
        ("合同签订地人民法院", True),
        ("承诺方住所地人民法院", True),
        ("向北京市海淀区人民法院提起诉讼", True),
        ("杭州市西湖区人民法院", True),
        ("上海金融法院", True),
        ("杭州互联网法院", True),
        ("依法有管辖权的人民法院", True),
        ("向服务所在地人民法院提起诉讼", False),
        ("向人民法院起诉", False),
        ("向法院提起诉讼", False),
    ],
)
def test_court_venue(forum: str, venue: bool) -> None:
    assert is_court(forum) and not is_arbitration(forum)
    assert names_venue(forum) is venue


@pytest.mark.parametrize(
    ("forum", "staff"),
    [
        ("由客户服务总监与技术总监组成仲裁组现场裁决", True),
        ("由双方项目负责人协商解决", True),
        ("北京仲裁委员会", False),
        ("向被告住所地人民法院提起诉讼", False),
    ],
)
def test_staff_body(forum: str, staff: bool) -> None:
    assert is_staff_body(forum) is staff


def test_negotiation_is_neither_arbitration_nor_court() -> None:
    forum = "由双方项目负责人协商解决"
    assert not is_arbitration(forum) and not is_court(forum)
