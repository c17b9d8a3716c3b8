"""Thai fonts on this machine, for images Tidtam draws (rich menus, charts).

TH Sarabun New is the official font; Debian's tlwg fonts are the fallback (Laksaman is
metrically compatible with TH Sarabun PSK). `scripts/ensure-test-tools` installs them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PREFERRED = (
    "TH Sarabun New",
    "THSarabunNew",
    "Sarabun",
    "TH Sarabun PSK",
    "Laksaman",
    "Garuda",
    "Loma",
    "Norasi",
)


@cache
def thai_font(*, bold: bool = False) -> Path | None:
    """The first preferred Thai font found (regular or bold), or None.

    matplotlib keeps a cache of the machine's fonts; one installed after it was made (by
    `scripts/ensure-test-tools`, say) is found by looking at the machine again, once.
    """
    from matplotlib import font_manager

    found = _preferred(font_manager.fontManager.ttflist, bold)
    if found is None:
        found = _preferred(font_manager.FontManager().ttflist, bold)
    return found


def _preferred(fonts: list, bold: bool) -> Path | None:
    for family in PREFERRED:
        for entry in fonts:
            if entry.name != family or entry.style != "normal":
                continue
            heavy = entry.weight in ("bold", 700) or (
                isinstance(entry.weight, int) and entry.weight >= 600
            )
            if heavy == bold:
                return Path(entry.fname)
    return None
