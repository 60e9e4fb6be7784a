"""The one Jinja environment every report is rendered in.

Built-in templates live in the repository's top-level ``templates/`` (shipped in the wheel
as ``itsmctl/templates/``); a store may
override any of them with a file of the same name in ``<records>/templates/``, and
``--template FILE`` replaces the report's template outright.  Store templates can be
changed by a pull request and rendered by CI, so *every* template runs in Jinja's
immutable sandbox, and every ``{{ }}`` output is markdown-escaped unless it is already
``Markup`` (what our own macros and the ``cell``/``md`` filters return): a template
author cannot forget to escape, and only ``|safe`` opts out on purpose.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from markupsafe import Markup

from itsmctl.errors import ItsmError
from itsmctl.fs import RefusedFile, read_regular
from itsmctl.models.labels import label
from itsmctl.reports.escape import cell, md, mermaid_label, one_line
from itsmctl.reports.sandbox import RenderBudget, RenderLimit, ReportSandbox

TEMPLATE_SUFFIX = ".md.j2"
MAX_TEMPLATE_BYTES = 256 * 1024
_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")


class TemplateRefused(ItsmError):
    """A template could not be rendered: syntax error, unknown name, or a sandbox refusal."""


def builtin_templates() -> Path:
    """The built-in templates: ``templates/`` of the repository, ``itsmctl/templates`` in a wheel."""
    packaged = Path(str(resources.files("itsmctl") / "templates"))
    if packaged.is_dir():  # an installed wheel
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"  # a checkout or editable install


TemplateLookup = Callable[[str], str | None]
"""Template text by file name, or None when that source does not have it."""


class StoreTemplateLoader(jinja2.BaseLoader):
    """Flat template names (no folders) from one lookup: a folder, or a git revision."""

    def __init__(self, lookup: TemplateLookup, where: str) -> None:
        self.lookup = lookup
        self.where = where

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if not _TEMPLATE_NAME.match(template):
            raise jinja2.TemplateNotFound(template)
        text = self.lookup(template)
        if text is None:
            raise jinja2.TemplateNotFound(template)
        return text, f"{self.where}/{template}", lambda: True


def folder_templates(folder: Path) -> TemplateLookup:
    """Templates from a folder on disk (the store's ``templates/``, or the built-ins)."""

    def lookup(name: str) -> str | None:
        path = folder / name
        if not os.path.lexists(path):
            return None
        return read_template_file(path)

    return lookup


def read_template_file(path: Path, missing: Callable[[], Exception] | None = None, root: Path | None = None) -> str:
    """A template's text, read the one safe way (``fs.read_regular``): links (below ``root``
    too), non-files and files over ``MAX_TEMPLATE_BYTES`` are refused, never followed or
    waited on."""
    try:
        data = read_regular(path, root=root, limit=MAX_TEMPLATE_BYTES)
    except RefusedFile as exc:
        if exc.code == "missing":
            if missing is not None:
                raise missing() from None
            raise TemplateRefused(f"template {path} does not exist") from None
        shown = f"not a regular file ({exc.reason})" if exc.code == "symlink" else exc.reason
        raise TemplateRefused(f"template {path}: {shown}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateRefused(f"template {path}: not UTF-8 text") from None


def _finalize(value: Any) -> Any:
    """Escape every ``{{ }}`` output for markdown unless it is already safe markup."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, bool) or value is None:
        return md(value)
    if isinstance(value, int):
        return Markup(str(value))
    if isinstance(value, float):
        return Markup(f"{value:g}")
    return md(value)


def _percent(value: float | None, digits: int = 1) -> Markup:
    return Markup("—" if value is None else f"{value:.{digits}f}%")


def _duration(seconds: float | int | None) -> Markup:
    """``3h 05m``, ``2d 4h``, ``12m``; negative values get a minus sign."""
    if seconds is None:
        return Markup("—")
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds)) // 60
    days, rest = divmod(total, 1440)
    hours, minutes = divmod(rest, 60)
    if days:
        text = f"{days}d {hours}h"
    elif hours:
        text = f"{hours}h {minutes:02d}m"
    else:
        text = f"{minutes}m"
    return Markup(sign + text)


@jinja2.pass_context
def _label(context: jinja2.runtime.Context, value: Any, group: str) -> str:
    """``{{ x.target|label("target") }}``: the display name in the report's language."""
    return label(str(context.get("lang", "zh")), group, value)


_NOT_DEFINED = {
    "zh": {"": "未定义", "sla": "未定义（无有效 SLA）", "policy": "未定义（无有效 policy.yaml）"},
    "en": {"": "not defined", "sla": "not defined (no valid SLA)", "policy": "not defined (no valid policy.yaml)"},
}
"""What a ``label: value`` line says instead of an empty value, by why it can be empty."""


@jinja2.pass_context
def _shown(context: jinja2.runtime.Context, value: Any, why: str = "") -> Any:
    """``{{ r.customers|shown("sla") }}``: the value, or "not defined" -- never a blank after a label."""
    if value is None or (isinstance(value, (str, list, tuple)) and not value):
        texts = _NOT_DEFINED.get(str(context.get("lang", "zh")), _NOT_DEFINED["en"])
        return texts.get(why, texts[""])
    return value


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    """``{{ n|plural("major incident") }}`` -> ``1 major incident`` / ``2 major incidents``.

    English reports only; an irregular plural is passed in: ``n|plural("person", "people")``."""
    word = singular if count == 1 else (plural if plural is not None else _regular_plural(singular))
    return f"{count} {word}"


def _regular_plural(noun: str) -> str:
    """The last word of ``noun`` pluralised by the ordinary English rules."""
    head, _, last = noun.rpartition(" ")
    if last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, by name, file and source checksum.

    Every render builds a fresh environment (its globals hold one run's limits), so without
    this each report compiled its template and the macros again (about 0.3 s).  A source
    that changed is compiled anew: the bucket's checksum is that of the source.  Only code
    that compiled is kept, at most ``limit`` templates, the oldest dropped first.
    """

    def __init__(self, limit: int = 64) -> None:
        self.limit = limit
        self._code: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        kept = self._code.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is None:
            return
        self._code.pop(bucket.key, None)
        self._code[bucket.key] = (bucket.checksum, bucket.code)
        while len(self._code) > self.limit:
            del self._code[next(iter(self._code))]


_COMPILED = CompiledTemplates()


def make_environment(store_templates: StoreTemplateLoader | None = None) -> ReportSandbox:
    """The report environment: sandboxed, strict about undefined names, escaping by default."""
    loaders: list[jinja2.BaseLoader] = []
    if store_templates is not None:
        loaders.append(store_templates)
    loaders.append(StoreTemplateLoader(folder_templates(builtin_templates()), "templates"))
    env = ReportSandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_COMPILED,
    )
    env.filters.update(
        md=md,
        e=md,
        escape=md,
        cell=cell,
        one_line=one_line,
        mermaid_label=mermaid_label,
        label=_label,
        percent=_percent,
        duration=_duration,
        shown=_shown,
        plural=_plural,
    )
    env.guard_filters()
    return env


DETAIL_LIMIT = 50
"""Rows a report's detail table shows by default: readable at any volume (``--full`` lists all)."""


def render_report(
    template_name: str,
    context: Mapping[str, Any],
    *,
    store_templates: StoreTemplateLoader | None = None,
    template_file: Path | None = None,
    detail_limit: int | None = None,
) -> str:
    """Render one report; every Jinja failure becomes a ``TemplateRefused`` naming the place.

    ``detail_limit``: the most rows a detail table (the ``table`` macro) shows; the rest are
    counted in a line under it.  None shows every row (``--full``).
    """
    env = make_environment(store_templates)
    env.globals["detail_limit"] = detail_limit
    where = str(template_file) if template_file else template_name
    try:
        with RenderBudget(env) as budget:
            if template_file is not None:
                template = env.from_string(read_template_file(template_file))
            else:
                template = env.get_template(template_name)
                where = template.filename or where  # the store's file or the built-in one
            text = budget.consume(template.generate(**context))
    except RenderLimit as exc:
        raise TemplateRefused(f"template {where}: refused, too costly to render: {exc}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateRefused(f"template {exc.filename or where}:{exc.lineno}: syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateRefused(
            f"template {exc.name} not found (looked in the store's templates/ and the built-ins)"
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateRefused(f"template {where}: refused by the sandbox, unsafe access: {exc}") from None
    except jinja2.TemplateError as exc:
        raise TemplateRefused(f"template {where}: {type(exc).__name__}: {exc}") from None
    except MemoryError:
        raise TemplateRefused(f"template {where}: refused, rendering ran out of memory") from None
    except RecursionError:
        raise TemplateRefused(f"template {where}: refused, recursion too deep (a macro calling itself?)") from None
    except (TypeError, ValueError, ArithmeticError, AttributeError, LookupError) as exc:
        raise TemplateRefused(f"template {where}: {type(exc).__name__}: {exc}") from None
    return text if text.endswith("\n") else text + "\n"
