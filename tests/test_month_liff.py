"""The month page inside LINE: with a LIFF app configured, `/month/liff` boots the LIFF SDK
served from this site (vendored from npm by scripts/vendor-liff), and the server has LINE
verify the person's ID token (the fake platform's verify endpoint) before giving them their
own month page's link."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from settings import ROOT
from tests.support import people

CHANNEL = "1657000001"
LIFF_ID = f"{CHANNEL}-AbCdEfGh"
VENDOR = ROOT / "web" / "static" / "vendor"


@pytest.fixture
def settings(settings):
    return settings.model_copy(update={"liff_id": LIFF_ID})


@pytest.fixture
def channel(fake_line) -> str:
    fake_line.login.add_channel(CHANNEL, "liff-channel-secret", [])
    return CHANNEL


def test_the_liff_page_boots_the_vendored_sdk(client) -> None:
    page = client.get("/month/liff")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/month-static/vendor/liff.js" in html and "/month-static/month_liff.js" in html
    assert f'"liffId": "{LIFF_ID}"' in html and "<script>" not in html
    assert "https://api.line.me" in page.headers["Content-Security-Policy"]
    with client.get("/month-static/vendor/liff.js") as sdk:
        assert sdk.status_code == 200 and b"window.liff=" in sdk.data
    assert "@line/liff" in (VENDOR / "LIFF-VERSION").read_text()
    assert (VENDOR / "LIFF-LICENSE.md").exists()


def test_an_id_token_verified_by_line_gives_the_persons_link(
    client, runner, line, seed_plan, fake_line, channel
) -> None:
    people.link(runner, line, "Uwichai", "วิชัย", "staff", "2")
    token = fake_line.login.id_token(channel, "Uwichai", alg="ES256")
    answer = client.post("/month/liff/token", json={"idToken": token})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    page = client.get(urlsplit(answer.json["url"]).path)
    assert page.status_code == 200 and "คุณวิชัย" in page.get_data(as_text=True)


@pytest.mark.parametrize("case", ["forged", "other_channel", "citizen", "empty"])
def test_a_token_line_refuses_gives_no_link(
    client, runner, line, seed_plan, fake_line, channel, case
) -> None:
    people.link(runner, line, "Uwichai", "วิชัย", "staff", "2")
    fake_line.login.add_channel("1657999999", "another-liff-channel-secret", [])
    token = {
        "forged": fake_line.login.id_token(channel, "Uwichai")[:-4] + "AAAA",
        "other_channel": fake_line.login.id_token("1657999999", "Uwichai"),
        "citizen": fake_line.login.id_token(channel, "Ucitizen", alg="ES256"),
        "empty": "",
    }[case]
    answer = client.post("/month/liff/token", json={"idToken": token})
    assert answer.status_code in (400, 403)
    assert "url" not in answer.json


def test_without_a_liff_app_there_is_no_liff_page(app_factory_without_liff) -> None:
    assert app_factory_without_liff.get("/month/liff").status_code == 404


@pytest.fixture
def app_factory_without_liff(settings, clock):
    from bot import create_app

    built = create_app(settings.model_copy(update={"liff_id": None}), clock=clock)
    built.config.update(TESTING=True)
    yield built.test_client()
    built.extensions["tidtam"].shutdown()


def test_the_rich_menus_month_button_opens_the_liff_app() -> None:
    from richmenu import definition

    def month_button(liff_id: str | None) -> dict:
        areas = definition("staff", liff_id)["areas"]
        [found] = [a["action"] for a in areas if a["action"]["label"] == "ทั้งเดือน"]
        return found

    assert month_button(LIFF_ID) == {
        "type": "uri",
        "label": "ทั้งเดือน",
        "uri": f"https://liff.line.me/{LIFF_ID}",
    }
    assert month_button(None) == {"type": "message", "label": "ทั้งเดือน", "text": "รายงานทั้งเดือน"}


def test_with_liff_the_chat_and_reminders_send_the_liff_address(line, runner, seed_plan) -> None:
    from tests.support.line_chat import buttons

    people.link(runner, line, "Uwichai", "วิชัย", "staff", "2")
    [card] = line.send("Uwichai", "รายงานทั้งเดือน")
    assert [b["uri"] for b in buttons(card)] == [f"https://liff.line.me/{LIFF_ID}"]
