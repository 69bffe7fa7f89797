"""Traditional letters (letters/script.py): zh-Hant-TW and zh-Hant-HK from the Simplified text.

* a reviewed corpus of contract sentences (tests/data/hant-corpus.tsv: the seed's letters and
  every kind's example letter) converts to its expected rendering in each locale, OpenCC's known
  over-conversions included;
* every kind's example letter, in both locales, is complete (OpenCC has nothing left to convert
  outside the texts kept as written), converting it again changes nothing, and converting it
  back with t2s gives the Simplified letter except where the glossary chose a regional word;
* names of parties and people, addresses, codes and titles in 《》 come out byte for byte as
  written, in either script (hypothesis);
* the DOCX asks for Traditional fonts with w:lang zh-TW / zh-HK and the writers' own words are
  converted too.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import opencc
import pytest
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letters import script
from letters.cli import main
from letters.contract import from_data, load
from letters.rendering import render_contract

CORPUS = REPO / "tests" / "data" / "hant-corpus.tsv"
CONTRACTS = sorted((REPO / "contracts").glob("*.yaml"))
TRADITIONAL = ("zh-Hant-TW", "zh-Hant-HK")
S2T, T2S = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


def _corpus() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            simplified, tw, hk, source = line.split("\t")
            rows.append((simplified, tw, hk, source))
    return rows


def test_the_corpus_is_large_and_covers_opencc_over_conversion() -> None:
    rows = _corpus()
    assert len(rows) >= 200
    assert sum(r[3] == "seed 001" for r in rows) >= 50
    assert len({r[3] for r in rows if r[3].startswith("template ")}) == len(CONTRACTS)
    by_text = {r[0]: r for r in rows}
    assert by_text["了解了如何处理"][1:3] == ("了解了如何處理", "了解了如何處理")  # not 瞭解瞭
    assert "參與製造" in by_text["参与制造的各方应了解了如何履行义务"][1]  # not 參與制造
    assert by_text["人民币叁万叁仟元整"][1:3] == ("人民幣參萬參仟元整",) * 2
    statutes = by_text["依据《中华人民共和国数据安全法》《中华人民共和国个人信息保护法》"]
    assert statutes[1] == "依據《中華人民共和國數據安全法》《中華人民共和國個人信息保護法》"
    assert "程序" in by_text["系统发布公告，依照法定程序处理"][1]  # s2twp would write 程式


@pytest.mark.parametrize("row", _corpus(), ids=lambda r: r[0][:24])
def test_corpus_sentence(row: tuple[str, str, str, str]) -> None:
    simplified, tw, hk, _source = row
    assert script.convert(simplified, "zh-Hant-TW") == tw
    assert script.convert(simplified, "zh-Hant-HK") == hk


def test_simplified_locales_change_nothing() -> None:
    text = "承诺方“我方”叁万元"
    for locale in (None, "zh_CN", "zh-Hans-CN"):
        assert script.convert(text, locale) == text


# ------------------------------------------------------------------ every kind, both locales


def _letter(spec: Path, locale: str | None) -> tuple[str, list[str]]:
    contract = load(spec).with_locale(locale)
    md = render_contract(contract, ("md",))["md"].decode("utf-8")
    return md, script.kept_in(contract.model, contract.source.data, md)


def _without(text: str, kept: list[str]) -> str:
    for k in sorted(set(kept), key=len, reverse=True):
        text = text.replace(k, "")
    return text


# What converting a Traditional letter back with t2s does not give back: the glossary's regional
# words (t2s reads 資料 as 资料, not 数据) and the quotation marks.  Each pair is (what t2s
# gives, the Simplified letter's text).
def _back(locale: str) -> list[tuple[str, str]]:
    column = script._COLUMN[locale]
    pairs = []
    for row in script.glossary():
        simplified, local = row[0], row[column]
        if T2S.convert(local) != simplified:
            pairs.append((T2S.convert(local), simplified))
    return sorted(pairs, key=lambda p: -len(p[0]))


GLOSSARY_DIFFERENCES = {
    "zh-Hant-TW": {
        ("参", "叁"),  # 大写 three (put back only inside an amount in words)
        ("资讯", "信息"),
        ("软体", "软件"),
        ("硬体", "硬件"),
        ("网际网路", "互联网"),
        ("伺服器", "服务器"),
        ("资料库", "数据库"),
        ("品质", "质量"),
        ("列印", "打印"),
        ("预设", "默认"),
        ("简讯", "短信"),
        ("线上", "在线"),
        ("帐户", "账户"),
        ("帐号", "账号"),
        ("即时", "实时"),
    },
    "zh-Hant-HK": {
        ("参", "叁"),
        ("资讯", "信息"),
        ("伺服器", "服务器"),
        ("预设", "默认"),
        ("短讯", "短信"),
    },
}


@pytest.mark.parametrize("locale", TRADITIONAL)
def test_the_glossary_differences_are_listed(locale: str) -> None:
    assert set(_back(locale)) == GLOSSARY_DIFFERENCES[locale]


@pytest.mark.parametrize("locale", TRADITIONAL)
@pytest.mark.parametrize("spec", CONTRACTS, ids=lambda p: p.stem)
def test_every_kind_in_traditional(spec: Path, locale: str) -> None:
    simplified, _kept = _letter(spec, None)
    traditional, kept = _letter(spec, locale)
    own = _without(traditional, kept)
    # complete and idempotent: OpenCC (through t2s, see letters.script: its s2t run straight
    # over Traditional text would turn 干擾 into 幹擾) has nothing left to change, in the
    # letter's own text or in the whole letter with its kept texts
    assert script.convert(own, locale) == own
    assert script.convert(traditional, locale, kept) == traditional
    # and no character OpenCC would not write: every character of the letter's own text is
    # one OpenCC's conversion for the locale writes for the Simplified letter, a glossary
    # word's or a quotation mark
    opencc_text = opencc.OpenCC(script._OPENCC[locale]).convert(_without(simplified, kept))
    glossary_chars = "".join(row[script._COLUMN[locale]] for row in script.glossary())
    assert set(own) <= set(opencc_text) | set(glossary_chars) | set("「」『』")
    # back to Simplified: the Simplified letter, but for the glossary's regional words (the
    # Simplified letter is given them, outside titles, to compare: 数据 reads back as 资料)
    to_simplified = opencc.OpenCC({"zh-Hant-TW": "tw2s", "zh-Hant-HK": "hk2s"}[locale])
    back = to_simplified.convert(traditional).translate(str.maketrans("「」『』", "“”‘’"))
    expected = _with_glossary(_without(simplified, kept), locale)
    assert _without(back, [to_simplified.convert(k) for k in kept]) == expected


def _with_glossary(text: str, locale: str) -> str:
    # every glossary phrase, the ones that read back unchanged too: 个人信息 is not 信息 + …
    column = script._COLUMN[locale]
    pairs = {row[0]: T2S.convert(row[column]) for row in script.glossary()}
    pairs.update((original, t2s_form) for t2s_form, original in _back(locale))
    words = re.compile("|".join(map(re.escape, sorted(pairs, key=len, reverse=True))))
    parts = re.split(r"(《[^《》\n]+》)", text)  # a title keeps its official words
    return "".join(
        p if p.startswith("《") else words.sub(lambda m: pairs[m.group()], p) for p in parts
    )


# ------------------------------------------------------------------ what never changes

_SIMPLIFIED = "张王李刘陈杨赵黄吴周徐孙马胡郭何罗高林郑梁谢宋唐韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁沈任姚卢钟汪"
_TRADITIONAL = "張王李劉陳楊趙黃吳周徐孫馬胡郭何羅高林鄭梁謝宋唐韓馮鄧曹彭曾蕭田董袁潘於蔣蔡餘杜葉程蘇魏呂丁沈任姚盧鍾汪"
_WORDS = "华信联数据服务科技发展实业国际贸易网络云计算银行证券医院学院广场东西南北门路号楼层区县市"

_name = st.text(alphabet=_SIMPLIFIED + _TRADITIONAL, min_size=2, max_size=4)
_org = st.text(alphabet=_SIMPLIFIED + _TRADITIONAL + _WORDS, min_size=4, max_size=16)
_code = st.from_regex(r"[A-Z]{2}-[0-9]{4}-[0-9]{3}[A-Z]?", fullmatch=True)

BASE = load(REPO / "contracts" / "sla-response.yaml")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    provider=_org.map(lambda s: s + "有限公司"),
    client=_org.map(lambda s: s + "有限公司"),
    person=_name,
    address=_org.map(lambda s: "浙江省" + s + "100号"),
    title=_org.map(lambda s: s + "协议"),
    number=_code,
    locale=st.sampled_from(TRADITIONAL),
)
def test_names_addresses_codes_and_titles_come_out_as_written(
    provider: str, client: str, person: str, address: str, title: str, number: str, locale: str
) -> None:
    if len({provider, client, person, address, title}) < 5:
        return  # two fields with the same text: which one the letter shows is not the point
    data: dict[str, Any] = copy.deepcopy(BASE.source.data)
    data["locale"] = locale
    data["provider"].update(name=provider, address=address, contact=person)
    data["client"]["name"] = client
    data["agreement"].update(name=title, number=number)
    data["signatories"][0]["name"] = person
    contract = from_data(data, "names.yaml")
    out = render_contract(contract, ("md", "docx"))
    md = out["md"].decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(out["docx"])) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    body = re.sub(r"<[^>]+>", "", xml)
    for text in (provider, client, person, address, number):
        assert text in md, text
        assert text in body, text
    assert f"《{title}》" in md and f"《{title}》" in body
    assert "“" not in md and "”" not in md  # the letter's own quotation marks are 「」


def test_verbatim_texts_stay_and_statutes_are_converted() -> None:
    data: dict[str, Any] = copy.deepcopy(load(REPO / "contracts" / "continuity.yaml").source.data)
    data["locale"] = "zh-Hant-TW"
    data["verbatim"] = ["云主机托管"]
    md = render_contract(from_data(data, "v.yaml"), ("md",))["md"].decode("utf-8")
    assert "云主机托管" in md and "雲主機託管" not in md
    assert "《中華人民共和國數據安全法》" in md  # a statute: its official name, in Traditional
    assert "數據" in md.replace("《中華人民共和國數據安全法》", "")  # the statutory word, not 資料
    assert "《核心业务系统托管服务协议》" in md  # the contract's title as it was signed


# ------------------------------------------------------------------ typography and the DOCX


@pytest.mark.parametrize(
    ("locale", "body", "lang"),
    [("zh-Hant-TW", "新細明體", "zh-TW"), ("zh-Hant-HK", "細明體_HKSCS", "zh-HK")],
)
def test_docx_fonts_language_footer_and_writer_words(locale: str, body: str, lang: str) -> None:
    contract = load(REPO / "contracts" / "continuity.yaml").with_locale(locale)
    data = render_contract(contract, ("docx",))["docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode()
        fonts = z.read("word/fontTable.xml").decode()
        footer = z.read("word/footer1.xml").decode()
        document = z.read("word/document.xml").decode()
        settings_xml = z.read("word/settings.xml").decode()
    assert f'w:eastAsia="{body}"' in styles and 'w:eastAsia="微軟正黑體"' in styles
    assert f'w:lang w:val="en-US" w:eastAsia="{lang}"' in styles
    assert f'w:themeFontLang w:val="en-US" w:eastAsia="{lang}"' in settings_xml
    assert ("宋体" not in styles + fonts and "PMingLiU" in fonts) or "MingLiU_HKSCS" in fonts
    assert "頁 共" in footer and "页" not in footer
    assert "簽字：" in document and "签字" not in document


def test_cli_locale_overrides_the_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = REPO / "contracts" / "sla-response.yaml"
    assert (
        main(["render", str(spec), "-o", str(tmp_path), "--to", "md", "--locale", "zh-Hant-HK"])
        == 0
    )
    md = (tmp_path / "sla-response.md").read_text(encoding="utf-8")
    assert md.startswith("# 關於") and "承諾方" in md
    assert "warning[script-mismatch]" in capsys.readouterr().out  # the parties' Simplified names


def test_batch_column_and_build_locale(tmp_path: Path) -> None:
    table = tmp_path / "clients.csv"
    table.write_text(
        "client.name,letter.number,locale\n甲公司,YQ-1,zh-Hant-TW\n乙公司,YQ-2,\n", encoding="utf-8"
    )
    base = REPO / "batches" / "sla-base.yaml"
    assert (
        main(["batch", str(base), "--clients", str(table), "-o", str(tmp_path / "o"), "--to", "md"])
        == 0
    )
    tw = (tmp_path / "o" / "YQ-1-甲公司.md").read_text(encoding="utf-8")
    cn = (tmp_path / "o" / "YQ-2-乙公司.md").read_text(encoding="utf-8")
    assert "承諾方" in tw and "承诺方" in cn


def test_messages_in_traditional(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh-Hant", "check", str(REPO / "contracts" / "continuity.yaml")]) == 0
    out = capsys.readouterr().out
    assert "檢查了 1 個文件" in out


def test_converting_adds_little_time() -> None:
    """In a batch (bench/run.py's per-letter figure), converting costs under a fifth of producing
    the letter: lines that every client's letter shares are converted once."""
    import time

    base = load(REPO / "contracts" / "sla-response.yaml")
    rows = []
    for n in range(30):
        data: dict[str, Any] = copy.deepcopy(base.source.data)
        data["client"]["name"] = f"客户{n:02d}有限公司"
        data["agreement"]["total"] = str(1_000_000 + 1000 * n)
        rows.append(data)

    def produce(locale: str | None) -> float:
        start = time.perf_counter()
        for data in rows:  # each row's letter from its data, as a batch makes it
            render_contract(
                from_data({**data, "locale": locale or "zh_CN"}, "c.yaml"), ("docx", "md")
            )
        return (time.perf_counter() - start) / len(rows)

    import gc

    produce("zh-Hant-TW")  # OpenCC's dictionaries load once per process
    script._DONE.clear()
    simplified, traditional = [], []
    gc.collect()
    gc.disable()  # the rest of the suite's heap would make collections weigh on the timings
    try:
        for _ in range(5):  # in turn, so that a slow moment of the machine hits both
            simplified.append(produce(None))
            traditional.append(produce("zh-Hant-TW"))
    finally:
        gc.enable()
    simplified, traditional = min(simplified), min(traditional)
    print(
        f"per letter: Simplified {simplified * 1000:.2f} ms, Traditional {traditional * 1000:.2f} ms"
    )
    assert traditional < 1.2 * simplified, (
        f"Traditional {traditional * 1000:.2f} ms, Simplified {simplified * 1000:.2f} ms per letter"
    )


@pytest.mark.parametrize("locale", ["zh_Hans_CN", "zh_Hant_TW", "zh_Hant_HK"])
def test_dates_and_amounts_are_what_babel_writes_for_the_locale(locale: str) -> None:
    """The letters print dates and amounts the same way in the three locales; Babel (CLDR) is
    the reference that this is each locale's own form."""
    import datetime as dt
    from decimal import Decimal

    from babel.dates import format_date
    from babel.numbers import format_decimal

    from letters import formatting

    for day in (dt.date(2026, 11, 22), dt.date(2027, 1, 1), dt.date(2029, 12, 31)):
        assert format_date(day, "long", locale=locale) == formatting.date_cn(day)
    for value in ("1200000.00", "85000.00", "0.50", "102000000.00"):
        amount = Decimal(value)
        assert format_decimal(amount, "#,##0.00", locale=locale) + "元" == formatting.money(amount)


def test_review_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a review of the conversion found: each stays fixed."""
    # a full line cache is emptied before it is read, never between
    monkeypatch.setattr(script, "_DONE_MAX", 2)
    assert script.convert("甲方\n乙方\n丙方", "zh-Hant-TW") == "甲方\n乙方\n丙方"
    assert script.convert("甲方\n新的一行", "zh-Hant-TW") == "甲方\n新的一行"
    # a title with markup punctuation (escaped) is still the spec's title; a kept name inside
    # another title stays; a kept text holding 《》 stays whole
    keep = ["数据服务协议\\(2026版\\)", "《法治日报》社", "张三"]
    text = "依据《数据服务协议\\(2026版\\)》与《法治日报》社，《张三与李四的协议》"
    assert script.convert(text, "zh-Hant-TW", keep) == (
        "依據《数据服务协议\\(2026版\\)》與《法治日报》社，《张三與李四的協議》"
    )
    # glossary words do not match across a word boundary
    for simplified, traditional in [
        ("因网络限制造成", "因網絡限制造成"),
        ("在落实时", "在落實時"),
        ("如实时报告", "如實時報告"),
        ("所在线路", "所在線路"),
        ("为了解决", "為了解決"),
    ]:
        assert script.convert(simplified, "zh-Hant-TW") == traditional
    # the words PRC statutes define keep their statutory form
    assert (
        script.convert("个人信息处理者处理数据与网络", "zh-Hant-TW")
        == "個人信息處理者處理數據與網絡"
    )
    # private-use characters in a text are never taken for masks
    odd = "\U000f8000\U00100000签订，甲方"
    assert script.convert(odd, "zh-Hant-TW", ["甲方"]) == "\U000f8000\U00100000簽訂，甲方"
