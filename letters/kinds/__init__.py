"""Find the letter kinds: one registry, fed by the entry-point group ``letters.kinds``.

A kind is one folder (a package) holding everything of one kind of letter: its model, its
derived figures, its consistency rules with their documentation, its template(s) and the
starting spec ``letters new`` writes.  The package exposes a :class:`Kind` object, and an entry
point names it::

    [project.entry-points."letters.kinds"]
    confidentiality = "letters_confidentiality:KIND"

The built-in kinds (``letters/kinds/*/``) are registered exactly so, in this project's own
``pyproject.toml``; a third party's package registers its kinds the same way and nothing in
``letters`` changes.  Nothing outside a kind's folder names a particular kind.

Loading is lazy and cheap: entry points are read once per process, and a kind's package
imports its model, figures and rules only (never Jinja or a writer), so a cold ``letters
check`` stays fast.  When ``letters`` runs from a source tree (a checkout, installed editable or
not at all), the built-in kinds' entry-point table is read from that tree's ``pyproject.toml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import LettersError
from ..i18n import _

if TYPE_CHECKING:
    from ..modeling import Model
    from ..rules import Rule, RuleDoc

GROUP = "letters.kinds"


@dataclass(frozen=True)
class Kind:
    """Describe one letter kind: everything ``letters`` needs to load, check and render it.

    *title* is a message id (the Chinese source text, ``N_()``-marked): show it with
    :func:`letters.i18n._`; its part before ``：`` is the kind's short name.  *folder* holds
    ``templates/<name>.md.j2`` and ``scaffold.yaml``.  *figures* turns a model into the object
    the template sees as ``fig`` (the derived numbers it prints); *rules* are the kind's own
    consistency rules (the shared ones apply to every kind that has the parts they read).
    *examples* document shared rules and load problems on this kind's starting spec.
    *multipliers* and *zero_allowed* tell the shared range rules about the kind's fields.
    """

    name: str
    title: str
    model: type[Model]
    folder: Path
    figures: Callable[[Any], Any]
    rules: tuple[Rule, ...] = ()
    examples: dict[str, RuleDoc] = field(default_factory=dict)
    # top-level fields whose percentages multiply a standard time (may exceed 100%, e.g. 150%)
    multipliers: frozenset[str] = frozenset()
    # count fields that may be zero (a team of nobody), whatever their path
    zero_allowed: frozenset[str] = frozenset()

    @property
    def templates(self) -> Path:
        """Return the folder of the kind's templates."""
        return self.folder / "templates"

    @property
    def scaffold(self) -> Path:
        """Return the starting spec of the kind (``letters new``)."""
        return self.folder / "scaffold.yaml"

    def short_title(self, translate: Callable[[str], str] | None = None) -> str:
        """Return the short name of the kind (the title before its colon), translated."""
        text = translate(self.title) if translate else self.title
        return text.split("：")[0].split(": ")[0]


class KindError(LettersError):
    """Raise when a registered kind cannot be used: it fails to import, or is not a Kind."""

    exit_code = 2


class KindWarning(UserWarning):
    """Warn about a registered kind that is skipped (broken, or a second kind of one name)."""


_POINTS: dict[str, str] | None = None
_LOADED: dict[str, Kind] = {}
_BROKEN: dict[str, str] = {}


def _points() -> dict[str, str]:
    """Return ``{kind name: "module:attribute"}``, read once, without importing any kind."""
    global _POINTS
    if _POINTS is None:
        points: dict[str, str] = {}
        for name, target in _entry_points():
            if name in points and points[name] != target:
                _warn(
                    _("文书类型“{kind}”注册了两次（{first} 与 {second}），使用前者").format(
                        kind=name, first=points[name], second=target
                    )
                )
                continue
            points[name] = target
        _POINTS = points
    return _POINTS


def names() -> list[str]:
    """Return the names of the registered kinds (built-in first), importing none of them."""
    return list(_points())


def get(name: str) -> Kind:
    """Return the kind *name*, importing its package on first use.

    Raise KeyError if no such kind is registered, KindError if it cannot be used.
    """
    kind = _LOADED.get(name)
    if kind is not None:
        return kind
    target = _points()[name]
    if name in _BROKEN:
        raise KindError(_BROKEN[name])
    try:
        loaded = _load(target)
        problem = _problem(name, loaded)
    except Exception as exc:  # a third party's package: whatever it raises, say which one
        problem = f"{type(exc).__name__}: {exc}"
    if problem is not None:
        _BROKEN[name] = _("letters: 文书类型“{kind}”（入口 {target}）无法使用：{problem}").format(
            kind=name, target=target, problem=problem
        )
        raise KindError(_BROKEN[name])
    _LOADED[name] = loaded
    return loaded


def _problem(name: str, kind: object) -> str | None:
    """Return why *kind* cannot serve as the kind *name*, or None."""
    if not isinstance(kind, Kind):
        return _("不是 letters.kinds.Kind 对象（实际是 {type}）").format(type=type(kind).__name__)
    if kind.name != name:
        return _("入口名为“{name}”，但对象的 name 是“{actual}”").format(name=name, actual=kind.name)
    from ..checks import SHARED

    shared = {r.code for r in SHARED}
    clash = [r.code for r in kind.rules if r.code in shared]
    if clash:
        return _("规则代码 {codes} 已是共用规则的代码").format(codes=", ".join(clash))
    return None


def find(name: object) -> Kind | None:
    """Return the kind *name*, or None when *name* is not a registered kind's name."""
    return get(name) if isinstance(name, str) and name in _points() else None


def all_kinds() -> dict[str, Kind]:
    """Return every usable registered kind by name, in registry order (built-in first).

    A kind that cannot be used is left out with a warning (:class:`KindWarning`): one broken
    package never stops the others; a spec of that kind gets the error itself.
    """
    out: dict[str, Kind] = {}
    for name in _points():
        try:
            out[name] = get(name)
        except KindError as exc:
            _warn(str(exc))
    return out


_WARNED: set[str] = set()


def _warn(message: str) -> None:
    if message not in _WARNED:
        _WARNED.add(message)
        import warnings

        warnings.warn(message, KindWarning, stacklevel=3)


def _entry_points() -> Iterator[tuple[str, str]]:
    """Yield (name, "module:attribute") for each kind: ours first, then others' by name."""
    own = _own_table()
    if own is not None:  # a source tree: its pyproject.toml declares the built-in kinds
        yield from sorted(own.items())  # by name, as an installed entry_points.txt lists them
    points = sorted(_installed_points(), key=lambda p: (p[0] != "letters", p[1]))
    for dist, name, value in points:
        if own is not None and dist == "letters":
            continue
        yield name, value


def _installed_points() -> list[tuple[str, str, str]]:
    """Return (distribution, name, value) of every installed ``letters.kinds`` entry point.

    Reads the ``entry_points.txt`` of each distribution on ``sys.path`` directly, as
    :mod:`importlib.metadata` does for them, without its import cost (about 25 ms, a sixth of
    a cold ``letters check``).  The first distribution of a name on the path wins.
    """
    import configparser
    import sys

    found: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for entry in sys.path:
        folder = Path(entry or ".")
        try:
            infos = sorted(folder.glob("*.dist-info")) + sorted(folder.glob("*.egg-info"))
        except OSError:
            continue
        for info in infos:
            dist = info.name.rsplit(".", 1)[0].split("-")[0].lower().replace("_", "-")
            if dist in seen:
                continue
            seen.add(dist)
            points = info / "entry_points.txt"
            try:
                text = points.read_text(encoding="utf-8")
            except OSError:
                continue
            if GROUP not in text:
                continue
            parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
            parser.optionxform = str  # type: ignore[assignment,method-assign]
            try:
                parser.read_string(text)
            except configparser.Error:
                continue
            if parser.has_section(GROUP):
                found.extend((dist, name, value) for name, value in parser.items(GROUP))
    return found


def _own_table() -> dict[str, str] | None:
    """Return the ``letters.kinds`` table of the source tree this package runs from, or None.

    Run from a checkout (plain or editable install, or ``PYTHONPATH``), the tree's own
    ``pyproject.toml`` declares the built-in kinds, whatever copy of ``letters`` is installed
    elsewhere; installed as a wheel there is no such file and the metadata says it.
    """
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    if not pyproject.is_file():
        return None
    import tomllib

    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    if project.get("name") != "letters":
        return None
    points = project.get("entry-points", {}).get(GROUP)
    return {str(k): str(v) for k, v in points.items()} if isinstance(points, dict) else None


def _load(target: str) -> Any:
    import importlib

    module, _, attr = target.partition(":")
    obj: Any = importlib.import_module(module.strip())
    for part in attr.strip().split(".") if attr else ():
        obj = getattr(obj, part)
    return obj
