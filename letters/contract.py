"""Turn a YAML file (or plain data) into a typed contract spec with marks for every path."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from . import modeling
from .diagnostics import Diagnostic, Mark, Path_, SpecError
from .i18n import _, join
from .parts import LetterSpec
from .source import Source, load_path

MAX_EXTENDS = 8


@dataclass
class Contract:
    """Hold a loaded spec: its typed model, its source marks and any load findings."""

    model: LetterSpec
    source: Source
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def template(self) -> str:
        """Return the name of the letter kind (the spec's ``template``)."""
        return self.model.template

    @cached_property
    def figures(self) -> Any:
        """Return the derived figures the letter prints (computed once, by the kind)."""
        from . import kinds

        return kinds.get(self.template).figures(self.model)

    def as_draft(self, draft: bool = True) -> Contract:
        """Return this contract as a draft (``--draft``), or itself."""
        if not draft or self.model.status == "draft":
            return self
        from dataclasses import replace

        return Contract(replace(self.model, status="draft"), self.source, self.diagnostics)

    def with_locale(self, locale: str | None) -> Contract:
        """Return this contract written in *locale* (``--locale``), or itself for None."""
        if not locale or locale == self.model.locale:
            return self
        from dataclasses import replace

        model = replace(self.model, locale=locale)  # type: ignore[arg-type]  # --locale choices
        return Contract(model, self.source, self.diagnostics)

    @property
    def file(self) -> str:
        """Return the display name of the spec file."""
        return self.source.file

    @property
    def stem(self) -> str:
        """Return the file name without folder and suffix (the default output name)."""
        return Path(self.source.file).stem

    def mark(self, path: Path_) -> Mark:
        """Return the source mark of *path* (or of its nearest ancestor)."""
        return self.source.mark(path)

    def finding(self, path: Path_, message: str, related: tuple[Path_, ...] = ()) -> Diagnostic:
        """Build a rule's finding at *path*; the rule that yields it gives its code and severity.

        A rule never writes its own code or severity again: :meth:`letters.rules.RuleSet.rule`
        stamps them on every finding its function yields.
        """
        return self.diag("", "error", path, message, related)

    def diag(
        self,
        code: str,
        severity: str,
        path: Path_,
        message: str,
        related: tuple[Path_, ...] = (),
    ) -> Diagnostic:
        """Build a diagnostic at *path*, with marks for *path* and each related path."""
        return Diagnostic(
            code,
            severity,  # type: ignore[arg-type]
            path,
            message,
            self.mark(path),
            tuple((p, self.mark(p)) for p in related),
        )


def load(path: str | Path) -> Contract:
    """Load the spec at *path* (following ``extends``); raise SpecError if it cannot be modelled."""
    return from_source(load_source(path))


def load_source(path: str | Path) -> Source:
    """Read the spec at *path* with its ``extends`` chain laid over, without modelling it."""
    return _load_with_extends(Path(path), ())


def from_data(data: Mapping[str, Any], name: str = "<data>") -> Contract:
    """Build a contract from plain data (as a YAML file would give), e.g. from Python code."""
    source = Source(name, dict(data), {(): Mark(name, 1, 1)}, "")
    return from_source(source)


def from_source(source: Source) -> Contract:
    """Build the typed model of *source*; raise SpecError with every problem if it fails."""
    data = source.data
    from . import kinds

    template = data.get("template")
    kind = kinds.find(template)
    if kind is None:
        raise SpecError([_template_problem(source, template)])
    cls = kind.model
    model, issues = modeling.build(cls, data)
    diags = [
        Diagnostic(
            i.code,
            "error",
            i.path,
            i.message,
            source.key_mark(i.path) if i.code == "unknown-field" else source.mark(i.path),
        )
        for i in issues
    ]
    if model is None:
        raise SpecError(diags)
    layout = getattr(model, "layout", None)
    if layout is not None and not _LAYOUT.fullmatch(layout):
        diags.append(
            Diagnostic(
                "invalid-value",
                "error",
                ("layout",),
                _("版式模板名“{name}”无效：只能使用字母、数字、“-”和“_”，不能含路径").format(
                    name=layout[:100]
                ),
                source.mark(("layout",)),
            )
        )
    return Contract(model, source, diags)  # type: ignore[arg-type]


_LAYOUT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def kinds_text(names: Iterable[str]) -> str:
    """Return the letter kinds with their short titles: ``name（标题）、…``."""
    from . import kinds

    return join(
        _("{kind}（{title}）").format(kind=k, title=kinds.get(k).short_title(_)) for k in names
    )


def unknown_kind(name: object, names: Sequence[str] | None = None) -> str:
    """Return the message for a letter kind that is not among *names* (default: the registered
    kinds), with the nearest name and every one there is: a spec's ``template``, and the kind
    of ``letters new``, ``letters schema``, ``letters blank`` and ``[tool.letters] blanks``."""
    import difflib

    from . import kinds

    names = kinds.names() if names is None else names
    hint = ""
    if isinstance(name, str):
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
        if close:
            hint = _("您是否想写“{match}”？").format(match=close[0])
    return _("未知的文书类型“{template}”。{hint}可用的文书类型：{kinds}").format(
        template=name, hint=hint, kinds=kinds_text(names)
    )


def _template_problem(source: Source, template: Any) -> Diagnostic:
    from . import kinds

    if template is None:
        msg = _("缺少 template 字段；可用的文书类型：{kinds}").format(
            kinds=kinds_text(kinds.names())
        )
        return Diagnostic("unknown-template", "error", ("template",), msg, source.mark(()))
    msg = unknown_kind(template)
    return Diagnostic("unknown-template", "error", ("template",), msg, source.mark(("template",)))


def _load_with_extends(path: Path, chain: tuple[Path, ...]) -> Source:
    source = load_path(path)
    base_ref = source.data.get("extends")
    if base_ref is None:
        return source
    here = source.mark(("extends",))
    if not isinstance(base_ref, str):
        raise SpecError(
            [Diagnostic("extends", "error", ("extends",), _("extends 应为文件路径"), here)]
        )
    if not base_ref.endswith((".yaml", ".yml")):
        raise SpecError(
            [
                _extends(
                    _("extends 只能指向 .yaml/.yml 规格文件：{path}").format(path=base_ref[:200]),
                    here,
                )
            ]
        )
    try:
        base_path = (path.parent / base_ref).resolve()
        found = base_path.is_file()
    except (OSError, ValueError, RuntimeError):  # an overlong or malformed path, a symlink loop
        found = False
        base_path = path.parent / "?"
    if not found:
        raise SpecError(
            [_extends(_("找不到 extends 指向的文件：{path}").format(path=base_ref[:200]), here)]
        )
    if base_path in chain or base_path == path.resolve():
        raise SpecError([_extends(_("extends 形成循环引用：{path}").format(path=base_ref), here)])
    if len(chain) >= MAX_EXTENDS:
        raise SpecError(
            [_extends(_("extends 嵌套超过 {limit} 层").format(limit=MAX_EXTENDS), here)]
        )
    base = _load_with_extends(_shown(base_path), (*chain, path.resolve()))
    return overlay(base, source)


def _shown(path: Path) -> Path:
    """Return *path* relative to the current folder when it lies below it (findings name it)."""
    import os

    try:
        shown = Path(os.path.relpath(path))
    except ValueError:  # another drive (Windows)
        return path
    return path if shown.parts[:1] == ("..",) else shown


def _extends(message: str, here: Mark) -> Diagnostic:
    return Diagnostic("extends", "error", ("extends",), message, here)


def overlay(base: Source, top: Source) -> Source:
    """Return *top* laid over *base*: mappings merge, lists and scalars replace."""
    data = _merge(base.data, top.data)
    data.pop("extends", None)
    marks = dict(base.marks)
    for p in _replaced(top.data, ()):
        for q in [q for q in marks if q[: len(p)] == p]:
            del marks[q]
    marks.update({p: m for p, m in top.marks.items() if p != ("extends",)})
    marks[()] = top.marks.get((), Mark(top.file, 1, 1))
    key_marks = {**base.key_marks, **top.key_marks}  # stale base keys are never looked up
    return Source(top.file, data, marks, top.text, key_marks)


def _merge(base: Any, top: Any) -> Any:
    if isinstance(base, dict) and isinstance(top, dict):
        out = dict(base)
        for k, v in top.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    return top


def _replaced(data: Any, path: Path_) -> list[Path_]:
    """Return the paths whose whole subtree *data* replaces (non-mapping values)."""
    out: list[Path_] = []
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_replaced(v, (*path, k)) if isinstance(v, dict) else [(*path, k)])
    return out
