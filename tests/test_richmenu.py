"""`richmenu setup` creates the three menus through the LINE API; linking shows the role's."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from messages_th.fonts import thai_font
from tests.support import people

pytestmark = pytest.mark.skipif(
    thai_font() is None, reason="no Thai font here (scripts/ensure-test-tools installs one)"
)


def test_setup_creates_three_menus_and_the_citizens_is_the_default(runner, fake_line) -> None:
    result = runner.invoke(args=["richmenu", "setup"])
    assert result.exit_code == 0, result.output
    menus = fake_line.rich_menus
    assert sorted(m["name"] for m in menus.values()) == [
        "tidtam-citizen",
        "tidtam-head",
        "tidtam-staff",
    ]
    citizen = next(k for k, m in menus.items() if m["name"] == "tidtam-citizen")
    assert fake_line.default_rich_menu == citizen
    for menu_id, menu in menus.items():
        # words as typed, but the staff's leave button: LINE's date picker
        assert len(menu["areas"]) == 6 and all(
            a["action"]["type"] == "message"
            or (a["action"]["type"], a["action"].get("mode")) == ("datetimepicker", "date")
            for a in menu["areas"]
        )
        image = Image.open(io.BytesIO(fake_line.rich_menu_images[menu_id]))
        assert image.size == (2500, 1686)
        assert len(image.getcolors(maxcolors=1 << 16) or []) > 10  # tiles and text, not blank
    staff = next(m for m in menus.values() if m["name"] == "tidtam-staff")
    assert [a["action"].get("text") for a in staff["areas"]][:2] == ["รายงาน", "สถานะ"]

    again = runner.invoke(args=["richmenu", "setup"])
    assert again.exit_code == 0
    assert len(fake_line.rich_menus) == 3  # the previous three were deleted


def test_linking_shows_the_menu_of_the_role(runner, line, fake_line) -> None:
    runner.invoke(args=["richmenu", "setup"])
    by_name = {m["name"]: k for k, m in fake_line.rich_menus.items()}
    people.link(runner, line, "Ustaff", "เจ้าหน้าที่", "staff")
    people.link(runner, line, "Uadmin", "ผู้ดูแล", "admin")
    assert fake_line.wait_for(lambda f: len(f.user_rich_menus) == 2, timeout=5)
    assert fake_line.user_rich_menus == {
        "Ustaff": by_name["tidtam-staff"],
        "Uadmin": by_name["tidtam-head"],
    }


def test_every_menu_is_what_line_accepts() -> None:
    """The SDK's own model enforces LINE's limits (chat bar text ≤ 14, labels ≤ 20)."""
    from linebot.v3.messaging import RichMenuRequest

    from messages_th.rich_menus import MENUS
    from richmenu import definition

    for kind in MENUS:
        RichMenuRequest.from_dict(definition(kind))


def test_someone_deactivated_sees_the_citizens_menu_again(runner, line, fake_line) -> None:
    runner.invoke(args=["richmenu", "setup"])
    by_name = {m["name"]: k for k, m in fake_line.rich_menus.items()}
    people.link(runner, line, "Uleaving", "ผู้ลาออก", "staff")
    assert fake_line.wait_for(lambda f: f.user_rich_menus.get("Uleaving") is not None, timeout=5)
    assert fake_line.user_rich_menus["Uleaving"] == by_name["tidtam-staff"]
    result = runner.invoke(args=["staff", "deactivate", "ผู้ลาออก"])
    assert result.exit_code == 0, result.output
    assert fake_line.user_rich_menus["Uleaving"] == by_name["tidtam-citizen"]
