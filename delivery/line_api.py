"""The LINE Messaging API, through line-bot-sdk v3, with a time-out on every call.

Messages come in and go out as plain dicts in LINE's JSON form (what `messages_th`
builds and the outbox stores); the SDK's models validate them on the way out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import urllib3
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    MessagingApi,
    MessagingApiBlob,
    MulticastRequest,
    PushMessageRequest,
    ReplyMessageRequest,
    RichMenuRequest,
    ShowLoadingAnimationRequest,
)

log = logging.getLogger(__name__)


class ContentUnavailable(Exception):
    """LINE would not give a message's content (expired, deleted, or LINE is down)."""


class ContentTooLarge(Exception):
    """A message's content is bigger than the caller takes: given up while downloading."""


#: bytes read from LINE at a time when downloading a message's content
CONTENT_CHUNK = 256 * 1024


@dataclass(frozen=True)
class Sent:
    """How a call ended. `retryable` failures (5xx, 429, time-out) may be tried again."""

    ok: bool
    status: int | None = None
    retryable: bool = False
    error: str = ""
    request_id: str | None = None

    @classmethod
    def from_api_error(cls, error: ApiException) -> Sent:
        status = error.status or 0
        headers = {k.lower(): v for k, v in (error.headers or {}).items()}
        if status == 409 and "x-line-accepted-request-id" in headers:
            # the retry key was accepted before: LINE has delivered this push once already
            return cls(True, status, request_id=headers["x-line-accepted-request-id"])
        body = (
            error.body.decode("utf-8", "replace")
            if isinstance(error.body, bytes)
            else str(error.body or "")
        )
        return cls(
            False, status, retryable=status >= 500 or status == 429, error=f"{status} {body[:300]}"
        )


class LineApi:
    def __init__(
        self,
        *,
        api_base_url: str,
        data_api_base_url: str,
        access_token: str,
        timeout: float,
        connections_of: LineApi | None = None,
    ) -> None:
        """`connections_of`: another client (same hosts) whose HTTP connections this one
        uses: the clients of many agencies share one pool, since a token is only a header
        of each request (a new agency's client then opens no connection of its own)."""
        self.timeout = timeout
        self._client = ApiClient(_configuration(api_base_url, access_token))
        self._data_client = ApiClient(_configuration(data_api_base_url, access_token))
        if connections_of is not None:
            self._client.rest_client = connections_of._client.rest_client
            self._data_client.rest_client = connections_of._data_client.rest_client
        self._api = MessagingApi(self._client)
        self._blob = MessagingApiBlob(self._data_client)

    def close(self) -> None:
        self._client.close()
        self._data_client.close()

    # -- sending -----------------------------------------------------------------------

    def reply(self, reply_token: str, messages: list[dict[str, Any]]) -> Sent:
        request = ReplyMessageRequest.from_dict({"replyToken": reply_token, "messages": messages})
        return self._call(
            lambda: self._api.reply_message_with_http_info(request, _request_timeout=self.timeout)
        )

    def push(self, to: str, messages: list[dict[str, Any]], retry_key: str) -> Sent:
        request = PushMessageRequest.from_dict({"to": to, "messages": messages})
        return self._call(
            lambda: self._api.push_message_with_http_info(
                request, x_line_retry_key=retry_key, _request_timeout=self.timeout
            )
        )

    def multicast(self, to: list[str], messages: list[dict[str, Any]], retry_key: str) -> Sent:
        request = MulticastRequest.from_dict({"to": to, "messages": messages})
        return self._call(
            lambda: self._api.multicast_with_http_info(
                request, x_line_retry_key=retry_key, _request_timeout=self.timeout
            )
        )

    def show_loading(self, chat_id: str, seconds: int = 20) -> Sent:
        """The typing dots in a one-to-one chat, while a slow answer is being made."""
        request = ShowLoadingAnimationRequest(chatId=chat_id, loadingSeconds=seconds)
        return self._call(
            lambda: self._api.show_loading_animation_with_http_info(
                request, _request_timeout=self.timeout
            )
        )

    # -- reading -----------------------------------------------------------------------

    def content(self, message_id: str, max_bytes: int) -> tuple[bytes, str]:
        """The bytes of an image, file, video or audio message, and their content type.

        Read as they arrive and given up past `max_bytes` (ContentTooLarge), at once when
        LINE says the size beforehand: a 200 MB video is never held in memory. (The SDK's
        own `get_message_content` reads the whole body before it returns, even unpreloaded;
        this asks the SDK's HTTP client for the response unread.)
        """
        configuration = self._data_client.configuration
        url = f"{configuration.host}/v2/bot/message/{quote(message_id, safe='')}/content"
        headers = {
            **self._data_client.default_headers,
            "Authorization": f"Bearer {configuration.access_token}",
        }
        try:
            response = self._data_client.rest_client.get_request(
                url, headers=headers, _preload_content=False, _request_timeout=self.timeout
            )
        except (ApiException, urllib3.exceptions.HTTPError, OSError) as error:
            raise ContentUnavailable(f"{type(error).__name__}: {error}"[:200]) from error
        finished = False
        try:
            declared = response.headers.get("content-length", "")
            if declared.isdecimal() and int(declared) > max_bytes:
                raise ContentTooLarge(f"{declared} bytes")
            data = bytearray()
            for chunk in response.stream(CONTENT_CHUNK):
                data += chunk
                if len(data) > max_bytes:
                    raise ContentTooLarge(f"over {max_bytes} bytes")
            finished = True
        except (urllib3.exceptions.HTTPError, OSError) as error:
            raise ContentUnavailable(f"{type(error).__name__}: {error}"[:200]) from error
        finally:
            if not finished:
                response.close()  # what is left unread goes with the connection
            response.release_conn()
        content_type = response.headers.get("content-type", "application/octet-stream")
        return bytes(data), content_type.split(";")[0]

    def basic_id(self) -> str:
        """The Official Account's basic ID (`@…`): where a chat link opens the chat."""
        return self._api.get_bot_info(_request_timeout=self.timeout).basic_id

    def quota(self) -> tuple[int | None, int]:
        """LINE's monthly message quota (None: unlimited) and this month's consumption."""
        quota = self._api.get_message_quota(_request_timeout=self.timeout)
        used = self._api.get_message_quota_consumption(_request_timeout=self.timeout)
        return (quota.value if quota.type == "limited" else None), used.total_usage

    # -- rich menus --------------------------------------------------------------------

    def create_rich_menu(
        self, menu: dict[str, Any], image: bytes, content_type: str = "image/png"
    ) -> str:
        response = self._api.create_rich_menu(
            RichMenuRequest.from_dict(menu), _request_timeout=self.timeout
        )
        self._blob.set_rich_menu_image(
            response.rich_menu_id,
            body=bytes(image),
            _headers={"Content-Type": content_type},
            _request_timeout=self.timeout,
        )
        return response.rich_menu_id

    def rich_menu_ids(self) -> list[str]:
        return [
            m.rich_menu_id
            for m in self._api.get_rich_menu_list(_request_timeout=self.timeout).richmenus
        ]

    def delete_rich_menu(self, menu_id: str) -> None:
        self._api.delete_rich_menu(menu_id, _request_timeout=self.timeout)

    def set_default_rich_menu(self, menu_id: str) -> None:
        self._api.set_default_rich_menu(menu_id, _request_timeout=self.timeout)

    def link_rich_menu(self, user_id: str, menu_id: str) -> Sent:
        return self._call(
            lambda: self._api.link_rich_menu_id_to_user_with_http_info(
                user_id, menu_id, _request_timeout=self.timeout
            )
        )

    # -- plumbing ----------------------------------------------------------------------

    @staticmethod
    def _call(send: Any) -> Sent:
        try:
            response = send()
        except ApiException as error:
            result = Sent.from_api_error(error)
            if not result.ok:
                log.warning("LINE answered %s", result.error)
            return result
        except (urllib3.exceptions.HTTPError, OSError) as error:
            log.warning("LINE call failed: %s", type(error).__name__)
            return Sent(False, None, retryable=True, error=f"{type(error).__name__}: {error}"[:300])
        headers = {k.lower(): v for k, v in (response.headers or {}).items()}
        return Sent(True, response.status_code, request_id=headers.get("x-line-request-id"))


def _configuration(host: str, access_token: str) -> Configuration:
    configuration = Configuration(host=host.rstrip("/"), access_token=access_token)
    configuration.retries = False  # the outbox retries, with back-off; urllib3 must not
    configuration.connection_pool_maxsize = 16
    return configuration
