"""Small inline SVG charts for the public page (no JavaScript, prints as it shows)."""

from __future__ import annotations

from markupsafe import Markup, escape

PALETTE = ["#06C755", "#2563EB", "#D97706", "#7C3AED", "#DC2626", "#0891B2", "#4B5563", "#DB2777"]
FONT = 13


def _tag(name: str, body: str = "", **attributes: object) -> str:
    attrs = " ".join(
        f'{key.rstrip("_").replace("_", "-")}="{value}"' for key, value in attributes.items()
    )
    return f"<{name} {attrs}>{body}</{name}>" if body else f"<{name} {attrs}/>"


def line_chart(
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    *,
    width: int = 480,
    height: int = 250,
) -> Markup:
    """Percent (0–100) per month, one line per series; missing months leave a gap."""
    left, right, top, bottom = 36, 12, 12, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(labels) - 1, 1)
    parts = []
    for value in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - value / 100)
        parts.append(
            _tag("line", x1=left, y1=f"{y:.1f}", x2=width - right, y2=f"{y:.1f}", stroke="#E5E7EB")
        )
        parts.append(
            _tag(
                "text",
                str(value),
                x=left - 6,
                y=f"{y + 4:.1f}",
                text_anchor="end",
                font_size=FONT,
                fill="#6B7280",
            )
        )
    for i, label in enumerate(labels):
        x = f"{left + i * step:.1f}"
        parts.append(
            _tag(
                "text",
                str(escape(label)),
                x=x,
                y=height - bottom + 18,
                text_anchor="middle",
                font_size=FONT,
                fill="#374151",
            )
        )
    for n, (name, values) in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        points = [
            (left + i * step, top + plot_h * (1 - v / 100))
            for i, v in enumerate(values)
            if v is not None
        ]
        if points:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            title = _tag("title", str(escape(name)))
            parts.append(
                _tag("polyline", title, points=path, fill="none", stroke=colour, stroke_width=2.5)
            )
            parts.extend(
                _tag("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=3, fill=colour) for x, y in points
            )
        legend_x, legend_y = left + (n % 3) * (plot_w / 3), height - 12 - (n // 3) * 16
        parts.append(
            _tag("rect", x=f"{legend_x:.1f}", y=legend_y - 10, width=11, height=11, fill=colour)
        )
        parts.append(
            _tag(
                "text",
                str(escape(name)),
                x=f"{legend_x + 15:.1f}",
                y=legend_y,
                font_size=FONT,
                fill="#111827",
            )
        )
    svg = _tag(
        "svg",
        "".join(parts),
        viewBox=f"0 0 {width} {height}",
        role="img",
        class_="chart",
        xmlns="http://www.w3.org/2000/svg",
    )
    return Markup(svg)


def bar(percent: float, *, height: int = 10) -> Markup:
    """A progress bar as SVG shapes, not a style attribute (the page's CSP allows no
    inline style); the stylesheet colours and sizes it."""
    filled = max(0.0, min(100.0, float(percent)))
    track = _tag("rect", width=100, height=height, rx=height / 2, class_="track")
    fill = _tag("rect", width=f"{filled:.1f}", height=height, rx=height / 2, class_="fill")
    return Markup(
        _tag(
            "svg",
            track + (fill if filled else ""),
            class_="bar",
            viewBox=f"0 0 100 {height}",
            preserveAspectRatio="none",
            aria_hidden="true",
            xmlns="http://www.w3.org/2000/svg",
        )
    )
