"""The plan importer: the agency's own document (text or .docx) or the structured form."""

from __future__ import annotations

from pathlib import Path

from planimport.data import PlanData
from planimport.document import lines_from_text, read_lines
from planimport.errors import PlanReadError


def read_plan(path: Path) -> PlanData:
    """Read and check a whole plan; nothing is written until it has all been understood."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from planimport.docx_reader import lines_from_docx

        try:
            return read_lines(lines_from_docx(path))
        except PlanReadError:
            raise
        except Exception as error:  # python-docx raises many kinds for a damaged file
            raise PlanReadError("unreadable_file", detail=type(error).__name__) from None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanReadError("not_utf8") from None
    except OSError as error:
        raise PlanReadError("unreadable_file", detail=error.strerror or str(error)) from None
    if suffix in (".yaml", ".yml", ".json"):
        from planimport.structured import read_structured

        return read_structured(text, kind="json" if suffix == ".json" else "yaml")
    if suffix in (".txt", ".text", ""):
        return read_lines(lines_from_text(text))
    raise PlanReadError("unknown_format")


__all__ = ["PlanData", "PlanReadError", "read_plan"]
