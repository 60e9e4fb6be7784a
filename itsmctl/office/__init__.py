"""Office documents of a rendered report: ``.docx`` for signing (``pip install 'itsmctl[office]'``).

Optional: python-docx, matplotlib and markdown-it-py are imported only when a document is
written, and their absence is a usage error naming the extra, not a traceback.
"""

from __future__ import annotations

from datetime import datetime
from importlib import import_module

from itsmctl.errors import UsageError

FORMATS = ("md", "docx")

OFFICE_MODULES = {"docx": "python-docx", "matplotlib": "matplotlib", "markdown_it": "markdown-it-py"}


def require_office() -> None:
    """UsageError (exit 2) naming the extra when a library of the office extra is missing."""
    missing = []
    for module, package in OFFICE_MODULES.items():
        try:
            import_module(module)
        except ImportError:
            missing.append(package)
    if missing:
        raise UsageError(
            f"--to docx needs {', '.join(missing)}: install the office extra, pip install 'itsmctl[office]'"
        )


def report_document(markdown: str, *, moment: datetime, lang: str) -> bytes:
    """The rendered report as a Word document."""
    require_office()
    from itsmctl.office.word import to_docx

    return to_docx(markdown, moment=moment, lang=lang)


__all__ = ["FORMATS", "report_document", "require_office"]
