"""The progress chart: each measure's percent month by month, as a PNG with Thai labels."""

from __future__ import annotations

import io
import logging
from datetime import date

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot
from matplotlib.font_manager import FontProperties

from messages_th import report_text
from messages_th.fonts import thai_font
from messages_th.thai_calendar import format_month_short
from reports.year_data import YearData

log = logging.getLogger(__name__)
COLOURS = ["#06C755", "#2563EB", "#D97706", "#7C3AED", "#DC2626", "#0891B2", "#4B5563", "#DB2777"]


def progress_png(
    data: YearData, months: list[date] | None = None, *, width_in: float = 8.0, dpi: int = 150
) -> bytes:
    months = months or data.months
    path = thai_font()
    if path is None:
        log.warning(
            "no Thai font found: the chart's Thai labels will not show (install fonts-thai-tlwg)"
        )
    font = FontProperties(fname=str(path)) if path else FontProperties()
    figure, axes = pyplot.subplots(figsize=(width_in, width_in * 0.45), dpi=dpi)
    try:
        positions = list(range(len(months)))
        for n, measure in enumerate(data.measures):
            values = [measure.progress.get(m) for m in months]
            points = [(i, v) for i, v in zip(positions, values, strict=True) if v is not None]
            if points:
                axes.plot(
                    *zip(*points, strict=True),
                    marker="o",
                    linewidth=2,
                    color=COLOURS[n % len(COLOURS)],
                    label=report_text.CHART_MEASURE.format(number=measure.number),
                )
        axes.set_xticks(
            positions, [format_month_short(m, with_year=False) for m in months], fontproperties=font
        )
        axes.set_ylim(0, 100)
        axes.set_xlim(-0.3, max(len(months) - 0.7, 0.3))
        axes.set_title(report_text.CHART_TITLE, fontproperties=font, fontsize=13)
        axes.grid(axis="y", color="#E5E7EB")
        axes.spines[["top", "right"]].set_visible(False)
        if data.measures:
            axes.legend(prop=font, loc="upper left", frameon=False, ncol=min(len(data.measures), 4))
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png")
        return out.getvalue()
    finally:
        pyplot.close(figure)
