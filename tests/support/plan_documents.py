"""Build the corpus's Word documents (and PDFs of them) from their sources in
tests/data/plans/*.docx.txt: paragraphs as lines; a Word table between `[table]` and
`[/table]`, one row a line, cells separated by tabs, `¶` starting a new paragraph inside a
cell, and `^` alone in a cell merging it with the cell above (as clerks merge the measure
cell over its actions' rows)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
from docx.shared import Pt

FONTS_CONF = Path(__file__).resolve().parents[1] / "data" / "fonts.conf"


def build_docx(source: Path, out: Path) -> Path:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "TH Sarabun New"
    style.font.size = Pt(14)
    rows: list[list[str]] | None = None
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip() == "[table]":
            rows = []
        elif line.strip() == "[/table]":
            _table(document, rows or [])
            rows = None
        elif rows is not None:
            rows.append(line.split("\t"))
        else:
            document.add_paragraph(line)
    document.save(str(out))
    return out


def _table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells + [""] * (width - len(cells))):
            if value.strip() == "^" and r > 0:
                top = table.cell(r - 1, c)
                top.merge(table.cell(r, c))
                continue
            parts = value.split("¶")
            cell = table.cell(r, c)
            cell.text = parts[0].strip()
            for part in parts[1:]:
                cell.add_paragraph(part.strip())


def office() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def build_pdf(document: Path, outdir: Path) -> Path:
    """The Word document as LibreOffice prints it to PDF (fonts as agencies have them)."""
    env = {
        "FONTCONFIG_FILE": str(FONTS_CONF),
        "HOME": str(outdir),
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(
        [office(), "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(document)],
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )
    return outdir / (document.stem + ".pdf")
