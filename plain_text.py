"""Text as Tidtam keeps and writes it: no control characters but new lines and tabs.

Applied once where text comes in (LINE events, the plan importer, the command line), and
again by every writer of a file or a page (CSV, XLSX, DOCX, the public page and its JSON),
so that text stored before this rule existed is written safely too. PostgreSQL refuses NUL
in text, XML (DOCX, XLSX) refuses most control characters, and an escape character in a
report is never what a clerk meant to write.
"""

from __future__ import annotations

import re
from typing import Any

import click

#: C0 controls but tab and new line (a carriage return becomes a new line first), DEL, C1
#: controls, lone surrogates, and the two non-characters XML cannot hold
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_RETURNS = re.compile(r"\r\n?")


def plain(text: str) -> str:
    """`text` without control characters; Windows and old Mac line ends become new lines."""
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub("", _RETURNS.sub("\n", text))


def plain_all(value: Any) -> Any:
    """Every string in a JSON-like value (a LINE event) made plain; other values as they are."""
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, dict):
        return {plain(k) if isinstance(k, str) else k: plain_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_all(item) for item in value]
    return value


class PlainText(click.ParamType):
    """A command-line value that is stored (a name, a unit, a holiday): made plain."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        return plain(str(value)).strip()


PLAIN = PlainText()
