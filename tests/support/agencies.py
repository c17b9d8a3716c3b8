"""A second agency switched on against the fake LINE platform, for the tests of agencies."""

from __future__ import annotations

from fakeline import Channel, FakeLine
from services import Services
from usecases import agencies
from usecases.actor import COMMAND_LINE


def connect(services: Services, fake_line: FakeLine, slug: str, name: str) -> Channel:
    """Add the agency and connect it to a new channel of the fake platform, as
    `agency add` and `agency connect` do (the webhook left unset)."""

    with services.db.session() as session:
        agencies.add_agency(session, COMMAND_LINE, slug, name, services.clock.now())
    return reconnect(services, fake_line, slug, slug)


def reconnect(services: Services, fake_line: FakeLine, slug: str, channel_name: str) -> Channel:
    """Connect the agency to a new channel `channel_name` of the fake platform."""
    from delivery.channel_setup import ChannelSetup

    channel = fake_line.add_channel(channel_name)

    def open_channel(token: str) -> ChannelSetup:
        return ChannelSetup(api_base_url=fake_line.url, access_token=token, timeout=2.0)

    connected = agencies.connect_channel(
        services.db.session,
        COMMAND_LINE,
        slug,
        channel_secret=channel.secret,
        access_token=channel.access_token,
        open_channel=open_channel,
        sealer=services.sealer,
        now=services.clock.now(),
    )
    assert isinstance(connected, agencies.ChannelConnected), connected
    return channel
