"""Evidence photos seen: a month's photos on a signed page, linked from the head's summary
and the status card (and shown in a real browser), and in the report document's appendix,
captioned with the action and the month (rendered to PNG where LibreOffice is)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import docx
import pytest
from PIL import Image

from tests.conftest import DATA
from tests.support import people
from tests.support.line_chat import buttons, texts
from tests.test_month_page import month_link

MAGENTA = (255, 0, 255)


def _photo(colour=MAGENTA, size=(400, 300)) -> tuple[io.BytesIO, str]:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG", quality=95)
    buffer.seek(0)
    return buffer, "activity.jpg"


@pytest.fixture
def reported(client, runner, line, seed_plan) -> None:
    """วิชัย reports 2.5 for January with a photo, through the month page; the head links."""
    people.link(runner, line, "Uhead", "สมชาย", "head")
    people.link(runner, line, "Uwichai", "วิชัย", "staff", "2")
    answer = client.post(
        month_link(line, "Uwichai"),
        data={"p-2.5": "50", "d-2.5": "สำรวจความพึงพอใจ 84 ชุด", "f-2.5": [_photo()]},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _summary_photos_link(line) -> str:
    [card] = line.send("Uhead", "สรุป")
    [link] = [b["uri"] for b in buttons(card) if b.get("label", "").startswith("รูปหลักฐาน")]
    assert "รูปหลักฐาน 1 รูป" in texts([card])
    return _path(link)


def test_the_summary_links_to_the_months_photos(client, line, reported) -> None:
    path = _summary_photos_link(line)
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "รูปถ่ายหลักฐาน เดือนมกราคม 2565" in html
    assert "ข้อ 2.5 สำนวจความพึงพอใจ" in html and "ม.ค. 65" in html
    [src] = re.findall(r'<img src="([^"]+)"', html)
    with client.get(src) as picture:
        assert picture.status_code == 200 and picture.mimetype == "image/jpeg"
        assert Image.open(io.BytesIO(picture.data)).getpixel((10, 10))[0] > 200
    # only that month's photos, by that link
    with client.get(re.sub(r"/[0-9a-f]{64}\.jpg", "/" + "0" * 64 + ".jpg", src)) as other:
        assert other.status_code == 404
    assert client.get(path[:-3] + "AAA").status_code == 403


def test_the_status_card_links_to_them_too(client, line, reported) -> None:
    [card] = line.send("Uwichai", "สถานะ")
    [link] = [b["uri"] for b in buttons(card) if b.get("label") == "รูปหลักฐานเดือนนี้"]
    assert client.get(_path(link)).status_code == 200


def test_the_photos_link_expires(client, line, reported, clock) -> None:
    path = _summary_photos_link(line)
    clock.advance(days=31)
    assert client.get(path).status_code == 410


@pytest.mark.browser
def test_a_photo_shows_in_the_summarys_page(page, live_server, line, reported, artifacts) -> None:
    from tests.support.browser import PHONE

    page.set_viewport_size(PHONE)
    page.goto(live_server + _summary_photos_link(line))
    picture = page.locator("figure.photo img").first
    picture.wait_for()
    page.wait_for_function("() => document.querySelector('figure.photo img').complete")
    assert page.evaluate("document.querySelector('figure.photo img').naturalWidth") > 0
    assert "ข้อ 2.5" in page.locator("figure.photo figcaption").first.inner_text()
    page.screenshot(path=str(artifacts / "photos-page-phone.png"))


def _month_docx(client, services, clock) -> bytes:
    from datetime import date

    url = services.links.month_report(2565, date(2022, 1, 1), clock.now())
    with client.get(_path(url)) as answer:
        assert answer.status_code == 200
        return answer.data


def test_the_month_document_has_a_photo_appendix(client, services, clock, reported) -> None:
    document = docx.Document(io.BytesIO(_month_docx(client, services, clock)))
    assert len(document.inline_shapes) >= 2  # the chart and the photo
    body = "\n".join(
        p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ) + "\n".join(p.text for p in document.paragraphs)
    assert "ภาคผนวก รูปถ่ายหลักฐานการดำเนินงาน" in body
    assert "ข้อ ๒.๕ สำนวจความพึงพอใจ" in body and "ม.ค. ๖๕" in body


def test_the_photo_appendix_rendered_to_png(
    client, services, clock, reported, tmp_path: Path, artifacts: Path
) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    pdftoppm = shutil.which("pdftoppm")
    if not office or not pdftoppm:
        pytest.skip(
            "LibreOffice or pdftoppm is missing here (scripts/ensure-test-tools installs them)"
        )
    source = tmp_path / "month.docx"
    source.write_bytes(_month_docx(client, services, clock))
    env = {
        "FONTCONFIG_FILE": str(DATA / "fonts.conf"),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )
    subprocess.run(
        [pdftoppm, "-r", "60", "-png", str(tmp_path / "month.pdf"), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    last = Image.open(pages[-1]).convert("RGB")
    colours = last.getcolors(maxcolors=1 << 24) or []
    magenta = sum(n for n, (r, g, b) in colours if r > 200 and g < 80 and b > 200)
    assert magenta > 2000, f"the photo is not on the appendix page ({magenta} magenta pixels)"
    shutil.copyfile(pages[-1], artifacts / "report-photo-appendix.png")


def test_the_public_page_shows_photos_only_when_the_agency_says_so(
    client, runner, reported, services
) -> None:
    def public() -> str:
        return client.get("/public").get_data(as_text=True)

    assert "ไม่แสดงรูปถ่ายหลักฐาน (ค่าเริ่มต้น)" in runner.invoke(args=["photos", "public"]).output
    assert "/public/photo/" not in public()
    from sqlmodel import select

    from models.progress import Evidence

    with services.db.session() as session:
        [evidence] = session.exec(select(Evidence)).all()
    assert client.get(f"/public/photo/{evidence.sha256}.jpg").status_code == 404

    assert "แสดงรูปถ่ายหลักฐานแล้ว" in runner.invoke(args=["photos", "public", "on"]).output
    html = public()
    [src] = re.findall(r'<img src="(/public/photo/[0-9a-f]{64}\.jpg)"', html)
    assert "รูปถ่ายหลักฐานการดำเนินงาน" in html and "ข้อ 2.5 สำนวจความพึงพอใจ" in html
    with client.get(src) as picture:
        assert picture.status_code == 200 and picture.mimetype == "image/jpeg"

    runner.invoke(args=["photos", "public", "off"])
    assert "/public/photo/" not in public()  # the cached page follows the setting
    assert client.get(src).status_code == 404


def test_a_citizens_case_photo_is_never_public(client, runner, services, clock, seed_plan) -> None:
    from usecases import suggestions
    from usecases.actor import Actor
    from usecases.evidence import Attachment, keep_file

    runner.invoke(args=["photos", "public", "on"])
    with services.db.session() as session:
        sha = keep_file(session, _photo()[0].getvalue(), "image/jpeg", clock.now())
        suggestions.send_suggestion(
            session,
            Actor.citizen("Ucitizen"),
            clock.now(),
            category="complain",
            body="ถนนหน้าบ้านเป็นหลุม",
            photos=[Attachment(sha)],
        )
    assert client.get(f"/public/photo/{sha}.jpg").status_code == 404
