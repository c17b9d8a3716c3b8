"""Switching a channel on through the Messaging API, with that channel's own token: the
bot's information, the webhook URL, LINE's test of it (docs/TENANCY.md). What
`usecases.agencies` asks of a channel (its `ChannelApi`)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import urllib3
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    MessagingApi,
    SetWebhookEndpointRequest,
    TestWebhookEndpointRequest,
)

from delivery.line_api import _configuration

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BotInfo:
    user_id: str  # the webhook body's `destination`
    basic_id: str
    display_name: str


@dataclass(frozen=True)
class WebhookTest:
    success: bool
    status_code: int | None  # what the webhook answered LINE
    reason: str


class ChannelSetup:
    """One channel's Messaging API calls for switching it on. A failed call is LINE's
    HTTP status (0: LINE not reached), never an exception."""

    def __init__(self, *, api_base_url: str, access_token: str, timeout: float) -> None:
        self.timeout = timeout
        self._client = ApiClient(_configuration(api_base_url, access_token))
        self._api = MessagingApi(self._client)

    def close(self) -> None:
        self._client.close()

    def bot_info(self) -> BotInfo | int:
        try:
            info = self._api.get_bot_info(_request_timeout=self.timeout)
        except (ApiException, urllib3.exceptions.HTTPError, OSError) as error:
            return _status(error)
        return BotInfo(info.user_id, info.basic_id, info.display_name)

    def set_webhook(self, url: str) -> int:
        request = SetWebhookEndpointRequest(endpoint=url)
        try:
            response = self._api.set_webhook_endpoint_with_http_info(
                request, _request_timeout=self.timeout
            )
        except (ApiException, urllib3.exceptions.HTTPError, OSError) as error:
            return _status(error)
        return response.status_code

    def test_webhook(self) -> WebhookTest | int:
        """LINE calls the webhook set (a body without events) and says how it answered.
        LINE waits for the webhook: the time-out is long enough for it to answer."""
        try:
            result = self._api.test_webhook_endpoint(
                TestWebhookEndpointRequest(), _request_timeout=self.timeout * 2
            )
        except (ApiException, urllib3.exceptions.HTTPError, OSError) as error:
            return _status(error)
        return WebhookTest(bool(result.success), result.status_code, result.reason)


def _status(error: Exception) -> int:
    status = error.status or 0 if isinstance(error, ApiException) else 0
    log.warning("LINE channel set-up call failed: %s %s", type(error).__name__, status)
    return status


@contextmanager
def channel_opener(api_base_url: str, timeout: float) -> Iterator[Callable[[str], ChannelSetup]]:
    """`open_channel(token)` for the switching-on use cases (a client per token asked
    for), every client it made closed when the block ends."""
    opened: list[ChannelSetup] = []

    def open_channel(token: str) -> ChannelSetup:
        opened.append(ChannelSetup(api_base_url=api_base_url, access_token=token, timeout=timeout))
        return opened[-1]

    try:
        yield open_channel
    finally:
        for channel in opened:
            channel.close()
