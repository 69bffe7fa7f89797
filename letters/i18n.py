"""Translate user-facing messages: Chinese by default, English on request.

The users are Chinese legal teams, so Chinese is the source language: every message id is the
Chinese text itself, with *named* ``{placeholders}``::

    _("各级占比合计 {total}（{parts}），应恰好为 100%").format(total=..., parts=...)

English is chosen with ``letters --lang en`` (see :mod:`letters.cli`) or ``LETTERS_LANG=en``.
The gettext catalogs live in ``letters/locale`` (domain ``letters``) and are managed with Babel
by ``scripts/i18n``; the compiled ``.mo`` files ship with the package.  Rule codes are stable
English slugs in every language and are never translated.

Texts defined at import time (rule summaries, tables of names) are marked with :func:`N_` so
that ``pybabel extract`` finds them, and translated with :func:`_` where they are shown: the
language is chosen after the modules are imported.

This module imports nothing heavy: :mod:`gettext` is loaded on the first translation.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

DOMAIN = "letters"
DEFAULT = "zh_CN"
LANGUAGES = ("zh_CN", "zh_Hant", "en")  # the catalogs under letters/locale
ENV = "LETTERS_LANG"
LOCALEDIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")

_override: str | None = None
_UNSET: Any = object()
_env_before: Any = _UNSET  # LETTERS_LANG as it was before set_language() exported a language
_catalogs: dict[str, Any] = {}


def normalize(lang: str) -> str | None:
    """Return the catalog language of *lang* (``en``, ``en_US``, ``zh``, ``zh-CN`` …) or None."""
    key = lang.strip().replace("-", "_").lower()
    if key.startswith("en"):
        return "en"
    if key == "zh" or key.startswith(("zh_cn", "zh_hans", "zh.")):
        return "zh_CN"
    if key.startswith(("zh_hant", "zh_tw", "zh_hk")):
        return "zh_Hant"
    return None


def set_language(lang: str | None) -> None:
    """Use *lang* for every following message; None goes back to ``LETTERS_LANG`` or Chinese.

    A language that is set is also exported as ``LETTERS_LANG`` so that worker processes (which
    may start with a fresh interpreter) speak it too; None puts ``LETTERS_LANG`` back as it was.
    Raise ValueError for an unknown language.
    """
    global _override, _env_before
    if lang is None:
        if _env_before is not _UNSET:
            if _env_before is None:
                os.environ.pop(ENV, None)
            else:
                os.environ[ENV] = _env_before
        _override, _env_before = None, _UNSET
        return
    norm = normalize(lang)
    if norm is None:
        raise ValueError(lang)
    if _env_before is _UNSET:
        _env_before = os.environ.get(ENV)
    _override = norm
    os.environ[ENV] = norm


def snapshot() -> tuple[Any, ...]:
    """Return the language state, for :func:`restore` (the CLI restores it after a run)."""
    return _override, _env_before, os.environ.get(ENV)


def restore(state: tuple[Any, ...]) -> None:
    """Put back the language state that :func:`snapshot` returned."""
    global _override, _env_before
    _override, _env_before, env = state
    if env is None:
        os.environ.pop(ENV, None)
    else:
        os.environ[ENV] = env


def language() -> str:
    """Return the current language: ``zh_CN`` (the default), ``zh_Hant`` or ``en``.

    An explicit :func:`set_language` wins over ``LETTERS_LANG``; an empty or unknown
    ``LETTERS_LANG`` means Chinese (the command line refuses an unknown one, see
    :func:`env_language`).
    """
    if _override is not None:
        return _override
    return normalize(os.environ.get(ENV, "")) or DEFAULT


def env_language() -> str | None:
    """Return the raw ``LETTERS_LANG`` if it is set but names no known language, else None."""
    raw = os.environ.get(ENV, "")
    return raw if raw.strip() and normalize(raw) is None else None


def _catalog(lang: str) -> Any:
    cat = _catalogs.get(lang)
    if cat is None:
        import gettext

        try:
            cat = gettext.translation(DOMAIN, localedir=LOCALEDIR, languages=[lang], fallback=False)
        except OSError:
            # A broken install: say so once, and show the Chinese source text rather than fail.
            import warnings

            warnings.warn(
                f"letters: message catalog {lang}/LC_MESSAGES/{DOMAIN}.mo is missing under "
                f"{LOCALEDIR}; showing Chinese messages",
                RuntimeWarning,
                stacklevel=2,
            )
            cat = gettext.NullTranslations()
        _catalogs[lang] = cat
    return cat


def _(msgid: str) -> str:
    """Return *msgid* (the Chinese source text) translated into the current language."""
    return str(_catalog(language()).gettext(msgid))


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the form of *singular*/*plural* for the count *n* in the current language.

    Chinese has one form (both ids are the same text); English has two.
    """
    return str(_catalog(language()).ngettext(singular, plural, n))


def join(items: Iterable[str]) -> str:
    """Join *items* as a list in a sentence: ``甲、乙、丙`` in Chinese, ``a, b, c`` in English."""
    return _("、").join(items)


def N_(msgid: str) -> str:
    """Mark *msgid* for extraction without translating it (translate it with :func:`_` later)."""
    return msgid
