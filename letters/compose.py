"""Compose a letter: render its Jinja template once and parse the result into a Document.

Only this module imports ``jinja2``.  Templates run in a sandbox with ``StrictUndefined``: a
missing variable is an error naming the template file and line, never a blank in a legal letter.
Every value a template prints passes through :func:`letters.markup.escape`, so user text
(``A|B *星* <甲>``) shows literally and can never open a table cell, a list or a heading.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from decimal import ROUND_FLOOR, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import formatting, script, units
from .contract import Contract
from .diagnostics import LettersError
from .document import Block, Document, Heading, Meta, Paragraph, SignatureBlock, Text, plain
from .i18n import _, join
from .markup import MarkupError, escape, parse
from .source import ILLEGAL_XML
from .units import Duration, Percent

TEMPLATE_SUFFIX = ".md.j2"


class TemplateError(LettersError):
    """Raise when a template fails: a missing variable, a syntax error, bad markup."""

    exit_code = 2


@lru_cache(maxsize=1)
def shared_templates() -> Path:
    """Return the folder of the shared partials (installed, or the source checkout's).

    Cached: resolving the path costs file system calls, and every letter looks it up.
    """
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    return installed if installed.is_dir() else here.parent / "templates"


@lru_cache(maxsize=16)
def builtin_folders(kind: str | None = None) -> tuple[str, ...]:
    """Return the built-in template folders: the kind's own (every kind's without *kind*),
    then the shared partials.

    A letter sees only its own kind's folder: another kind's package can never replace a
    built-in partial or letter, and rendering one kind imports no other.
    """
    from . import kinds

    own = [kinds.get(kind)] if kind is not None else list(kinds.all_kinds().values())
    return (*(str(k.templates) for k in own), str(shared_templates()))


def search_path(
    extra: Sequence[str | os.PathLike[str]] = (), kind: str | None = None
) -> tuple[str, ...]:
    """Return the template folders, user folders first, the built-in ones of *kind* last.

    A user folder that does not exist is an error: a typo must never silently fall back to the
    built-in wording of a legal letter.
    """
    for p in extra:
        if not Path(p).is_dir():
            raise TemplateError(_("找不到模板文件夹 {folder}").format(folder=p))
    return (*(str(Path(p)) for p in extra), *builtin_folders(kind))


def available(extra: Sequence[str | os.PathLike[str]] = ()) -> list[str]:
    """Return the names of the letter kinds found on the template search path."""
    names: set[str] = set()
    for folder in search_path(extra):
        for p in Path(folder).glob("*" + TEMPLATE_SUFFIX):
            names.add(p.name[: -len(TEMPLATE_SUFFIX)])
    return sorted(names)


# ---------------------------------------------------------------- filters


def _dur(value: Duration) -> str:
    return value.zh()


def _pct(value: Percent) -> str:
    return str(value)


def _date(value: _dt.date) -> str:
    return formatting.date_cn(value)


def _join(values: Iterable[Any], sep: str = "、") -> str:
    return sep.join(str(v) for v in values)


def _clock(hours: Decimal) -> str:
    """Print a number of hours in exact natural units: 43.8 → 43小时48分钟."""
    return units.clock_text(hours * 3600)


def _clock_floor(hours: Decimal) -> str:
    """Print a most-downtime figure in whole seconds, the part of a second dropped (a limit
    rounded up would allow more than the share): 0.744 小时 → 44分38秒, not 44分38.4秒."""
    return units.clock_text((hours * 3600).to_integral_value(rounding=ROUND_FLOOR))


def _hours(value: Decimal) -> str:
    """Print hours grouped by thousands, without trailing zeros: 8,716.2 / 43.8 / 8,760."""
    return f"{Decimal(formatting.number(value)):,f}"


FILTERS = {
    "money": formatting.money,
    "amount": formatting.amount,
    "rmb": formatting.rmb_upper,
    "date": _date,
    "pct": _pct,
    "dur": _dur,
    "num": formatting.number,
    "hours": _hours,
    "clock": _clock,
    "clock_floor": _clock_floor,
    "cn": formatting.count_cn,
    "ordinal": formatting.ordinal_cn,
    "join": _join,
}


@lru_cache(maxsize=1)
def _finalizer() -> Callable[[Any], Any]:
    """Return the function through which a template prints every value (markupsafe loads lazily)."""
    from markupsafe import Markup

    def finalize(value: Any) -> Any:
        if type(value) is str:  # the common case (text, formatted amounts and dates)
            return Markup(escape(value))
        if isinstance(value, Markup):
            return value
        if isinstance(value, float):  # money is never float; a float here is a template bug
            raise TypeError(_("模板输出了浮点数；金额与比例必须是 Decimal"))
        if isinstance(value, (_dt.date, Percent, Duration, Decimal)) and not isinstance(value, str):
            raise TypeError(
                _(
                    "模板直接输出了 {type}“{value}”；请用过滤器格式化（如 |date、|pct、|dur、|money）"
                ).format(type=type(value).__name__, value=value)
            )
        return Markup(escape(str(value)))

    return finalize


@lru_cache(maxsize=1)
def _sandbox() -> type:
    """Return the sandboxed environment class (defined on first use: jinja2 loads lazily)."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        """Jinja's immutable sandbox, remembering its verdict per (type, attribute name).

        Every attribute a template reads (``provider.name``) is checked by
        :meth:`ImmutableSandboxedEnvironment.is_safe_attribute`: no ``_private`` or internal
        attribute, no method that modifies a list, dict, set or deque.  Those checks depend only
        on the object's type (``isinstance`` tests, also against the ``collections.abc``
        classes, whose registrations letters never changes) and the attribute's name, yet took
        about a third of the rendering time; so Jinja decides the first time a type and name
        are seen and the verdict is looked up afterwards.  An object whose ``__class__`` is not
        its type (a proxy, for which ``isinstance`` may answer otherwise) is always checked
        afresh, and the table is bounded, so a template making up names cannot grow it.
        """

        _MAX_VERDICTS = 4096

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._verdicts: dict[tuple[type, str], bool] = {}

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            cls = type(obj)
            if obj.__class__ is not cls:
                return bool(super().is_safe_attribute(obj, attr, value))
            key = (cls, attr)
            verdict = self._verdicts.get(key)
            if verdict is None:
                verdict = bool(super().is_safe_attribute(obj, attr, value))
                if len(self._verdicts) < self._MAX_VERDICTS:
                    self._verdicts[key] = verdict
            return verdict

    return Sandbox


@lru_cache(maxsize=32)  # a build of every kind's letters and blank forms: 18 environments
def environment(
    folders: tuple[str, ...], builtin: tuple[str, ...] = (), blank: bool = False
) -> Any:
    """Return the sandboxed Jinja environment over *folders* (cached); *blank* gives the
    environment of blank forms, whose filters blank the values of the spec (letters.blank)."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined

    # "builtin/…" always names a built-in template, so a firm's override of a kind's letter
    # can still {% extends "builtin/<kind>.md.j2" %} or include a built-in partial.
    loader = ChoiceLoader(
        [
            FileSystemLoader(list(folders), encoding="utf-8"),
            PrefixLoader(
                {"builtin": FileSystemLoader(list(builtin or builtin_folders()), encoding="utf-8")}
            ),
        ]
    )
    env = _sandbox()(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalizer(),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    if blank:
        from .blank import filters

        env.filters.update(filters(env.filters))
    return env


def context(contract: Contract) -> dict[str, Any]:
    """Return the template context: every spec field, the spec itself and the derived figures."""
    model = contract.model
    ctx: dict[str, Any] = {name: getattr(model, name) for name in model.__dataclass_fields__}
    ctx["spec"] = model
    ctx["fig"] = contract.figures
    ctx["both_sign"] = model.both_sign
    # how the body names the parties; a kind's template may set its own (我方 / 贵方)
    ctx["we"], ctx["you"] = "承诺方", "接收方"
    return ctx


def template_name(contract: Contract) -> str:
    """Return the template file a contract renders with: its ``layout`` or its kind."""
    return (contract.model.layout or contract.template) + TEMPLATE_SUFFIX


def render_markup(
    contract: Contract, templates: Sequence[str | os.PathLike[str]] = (), blank: bool = False
) -> str:
    """Render the contract's template to restricted Markdown text (*blank*: as a blank form,
    every value of the spec a blank; see letters.blank)."""
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateNotFound

    kind = contract.template
    # absolute folders: the cached environment of a relative "tpl" must not serve another
    # project's "tpl" after the working folder changed
    folders = tuple(os.path.abspath(f) for f in search_path(templates, kind))
    env = environment(folders, builtin_folders(kind), blank)
    name = template_name(contract)
    try:
        template = env.get_template(name)
        if blank:
            from . import blank as forms

            text = forms.fill(str(template.render(forms.context(context(contract)))))
            if forms.OPEN in text or forms.CLOSE in text:  # a value cut where no blank can be
                raise TemplateError(
                    _("{template} 对规格的值做了空白表单无法留空的运算").format(template=name)
                )
            return text
        return str(template.render(context(contract)))
    except TemplateNotFound as exc:
        raise TemplateError(
            _("找不到模板 {name}（模板搜索路径：{path}）").format(
                name=exc.name, path=join(search_path(templates, kind))
            )
        ) from None
    except (
        JinjaError,
        TypeError,
        ValueError,
        ArithmeticError,
        AttributeError,
        RecursionError,
        UnicodeError,
    ) as exc:
        where = _template_location(exc)
        raise TemplateError(
            _("{where}模板出错：{problem}").format(where=where, problem=_explain(exc))
        ) from None


def _explain(exc: BaseException) -> str:
    from jinja2 import UndefinedError

    if isinstance(exc, UndefinedError):
        return _("使用了未定义的变量（{detail}）").format(detail=exc.message)
    return f"{type(exc).__name__}: {exc}"


def _template_location(exc: BaseException) -> str:
    """Return ``file:line: `` of the innermost template frame of *exc*'s traceback."""
    lineno = getattr(exc, "lineno", None)
    filename = getattr(exc, "filename", None)
    if lineno and filename:
        return f"{filename}:{lineno}: "
    tb = exc.__traceback__
    where = ""
    while tb is not None:
        fname = tb.tb_frame.f_code.co_filename
        if fname.endswith(TEMPLATE_SUFFIX):
            where = f"{fname}:{tb.tb_lineno}: "
        tb = tb.tb_next
    return where


def compose(
    contract: Contract, templates: Sequence[str | os.PathLike[str]] = (), blank: bool = False
) -> Document:
    """Render and parse the contract's letter into the format-neutral document tree (*blank*:
    the blank form of the letter, see letters.blank)."""
    text = render_markup(contract, templates, blank)
    bad = ILLEGAL_XML.search(text)  # spec values are clean (checked at load): a template wrote it
    if bad:
        raise TemplateError(
            _("{template} 输出了不可见的控制字符 U+{code}，无法写入文书").format(
                template=template_name(contract), code=f"{ord(bad.group()):04X}"
            )
        )
    locale = script.canonical(contract.model.locale)
    if script.is_traditional(locale):
        text = _traditional(contract, text, locale)
    try:
        blocks = tuple(parse(text))
    except MarkupError as exc:
        raise TemplateError(
            _("{template} 渲染结果的{problem}").format(
                template=template_name(contract), problem=exc
            )
        ) from None
    title = next((plain(b.inlines) for b in blocks if isinstance(b, Heading) and b.level == 1), "")
    model = contract.model
    if blank:  # a form has no parties, number or date yet
        return Document(Meta(title=title, locale=locale, status="blank"), blocks)
    meta = Meta(
        title=title,
        subject=model.client.name,
        author=model.provider.name,
        keywords=model.letter.number,
        created=model.letter.date.isoformat(),
        locale=locale,
        status=model.status,
    )
    if model.status == "draft":
        blocks = _undated(blocks, formatting.date_cn(model.letter.date))
    return Document(meta, blocks)


def _undated(blocks: tuple[Block, ...], date: str) -> tuple[Block, ...]:
    """Return a draft's blocks with the date under the signatures left blank: a draft is not
    dated (the letter's date is set when it is final)."""
    out = list(blocks)
    for i, block in enumerate(out[1:], 1):
        if (
            isinstance(out[i - 1], SignatureBlock)
            and isinstance(block, Paragraph)
            and plain(block.inlines) == date
        ):
            out[i] = replace(block, inlines=(Text("　　　　年　　月　　日"),))
    return tuple(out)


def _traditional(contract: Contract, text: str, locale: str) -> str:
    """Return the composed markup *text* in *locale*'s Traditional script, the spec's names,
    addresses, codes, titles in 《》 (not the statutes it cites) and ``verbatim`` texts kept as
    written (and as the template printed them: escaped)."""
    keep = script.kept_in(contract.model, contract.source.data, text)
    keep += [escaped for k in keep if (escaped := escape(k)) != k]
    return script.convert(text, locale, keep)
