"""The plan importer: the agency's own document (text, .docx, .pdf) or the structured form.

The plain API the command line and the web console call:

    result = read_document(data, filename)   # ReadResult: plan, warnings, facts
    store_plan(session, result.plan, now=..., source=filename)

Nothing is written until a document has been read whole.
"""

from __future__ import annotations

from pathlib import Path

from planimport.data import PlanData
from planimport.doc_reader import OLE2_MAGIC, docx_from_doc
from planimport.errors import PlanReadError
from planimport.result import ReadResult
from planimport.store import ImportResult, save_plan

store_plan = save_plan


def read_document(data: bytes, filename: str) -> ReadResult:
    """Read a whole plan from a file's bytes; its name's ending says what kind it is."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".doc" or data.startswith(OLE2_MAGIC):
        return _read_binary(docx_from_doc(data), ".docx")
    if suffix in (".docx", ".pdf"):
        return _read_binary(data, suffix)
    if data.startswith(b"%PDF"):
        return _read_binary(data, ".pdf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanReadError("not_utf8") from None
    if suffix in (".yaml", ".yml", ".json"):
        from planimport.structured import read_structured

        return ReadResult(read_structured(text, kind="json" if suffix == ".json" else "yaml"))
    if suffix in (".txt", ".text", ""):
        from planimport.document import lines_from_text, read_lines

        return read_lines(lines_from_text(text))
    raise PlanReadError("unknown_format")


def _read_binary(data: bytes, suffix: str) -> ReadResult:
    from planimport.document import read_lines

    if suffix == ".pdf":
        from planimport.pdf_reader import lines_from_pdf

        return read_lines(lines_from_pdf(data))
    from planimport.docx_reader import lines_from_docx

    try:
        lines = lines_from_docx(data)
    except Exception as error:  # python-docx raises many kinds for a damaged file
        raise PlanReadError("unreadable_file", detail=type(error).__name__) from None
    return read_lines(lines)


def read_file(path: Path) -> ReadResult:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PlanReadError("unreadable_file", detail=error.strerror or str(error)) from None
    return read_document(data, path.name)


def read_plan(path: Path) -> PlanData:
    """The plan of a file, warnings aside (the seed for the demo, benchmarks)."""
    return read_file(path).plan


__all__ = [
    "ImportResult",
    "PlanData",
    "PlanReadError",
    "ReadResult",
    "read_document",
    "read_file",
    "read_plan",
    "store_plan",
]
