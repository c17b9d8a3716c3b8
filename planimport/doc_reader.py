"""An old Word document (.doc): LibreOffice, where this machine has it, saves it as .docx
(which `docx_reader` reads); without LibreOffice it is refused with a sentence telling the
clerk to save it as .docx in Word."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from planimport.errors import PlanReadError

#: how an old Word file (an OLE2 compound file) begins, whatever its name
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TIMEOUT = 120  # seconds LibreOffice may take to convert one document


def docx_from_doc(data: bytes) -> bytes:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise PlanReadError("old_word")
    with tempfile.TemporaryDirectory(prefix="tidtam-doc-") as folder:
        work = Path(folder)
        source = work / "plan.doc"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()  # its own profile: runs at once do not clash
        try:
            subprocess.run(
                [
                    office,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    str(work),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=_TIMEOUT,
                env={"HOME": str(work), "PATH": "/usr/bin:/bin"},
            )
        except (subprocess.SubprocessError, OSError):
            raise PlanReadError("old_word") from None
        converted = work / "plan.docx"
        if not converted.exists():
            raise PlanReadError("old_word")
        return converted.read_bytes()
