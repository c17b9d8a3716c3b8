"""A LINE client per agency, with that agency's access token (docs/TENANCY.md, "Fairness
in the outbox").

Agency no. 1 in state `env` speaks with the environment's token (`Services.line`); any
other agency with its own token, opened from the database with the deployment's keys.
The clients are kept in a small least-recently-used cache keyed by (agency, sealed
token): a reconnect stores a new sealed token, so the next call uses the new client at
once, and the old one simply ages out. They all share the first client's HTTP
connections (a token is a header of each request, not of the connection).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlmodel import Session, col

from delivery.line_api import LineApi
from models.agency import FIRST_AGENCY_ID, Agency, AgencyState
from models.credentials import CredentialsLocked, Sealer

#: clients kept: about 6 KiB each (their connections are shared), so a thousand
#: agencies' clients stay made while the outbox takes them in turn (fewer would be made
#: again at every turn: 0.2-0.5 ms each)
CACHE_SIZE = 1024


class NoChannel(Exception):
    """This agency cannot be spoken for: no token stored (not connected yet), LINE
    refused its token (state `refused`), or no agency of that number. Its messages wait
    (parked) until the agency is connected again."""

    def __init__(self, agency_id: int, why: str) -> None:
        super().__init__(f"agency {agency_id}: {why}")
        self.agency_id = agency_id
        self.why = why


class ChannelLocked(NoChannel):
    """The agency's token is stored but no configured key opens it (TIDTAM_CREDENTIALS_KEYS
    unset or its key dropped): the deployment's to fix, not the agency's; tried again
    later."""


@dataclass(frozen=True)
class ChannelOf:
    """What choosing an agency's client needs: its state and its token, still sealed."""

    agency_id: int
    state: str
    sealed_token: str | None


def channel_of(source: Engine | Session, agency_id: int) -> ChannelOf:
    """The agency's state and sealed token, in one statement: through the caller's unit of
    work when it has one (on SQLite a second connection would wait for its write lock),
    else on a connection of its own."""
    statement = select(col(Agency.state), col(Agency.access_token)).where(
        col(Agency.id) == agency_id
    )
    if isinstance(source, Session):
        row = source.execute(statement).first()
    else:
        with source.connect() as connection:
            row = connection.execute(statement).first()
    if row is None:
        raise NoChannel(agency_id, "no such agency")
    return ChannelOf(agency_id, row[0], row[1])


class LineClients:
    """The clients of every agency this process speaks for."""

    def __init__(
        self,
        first: Callable[[], LineApi],
        sealer: Callable[[], Sealer | None],
        *,
        api_base_url: Callable[[], str],
        data_api_base_url: Callable[[], str],
        timeout: float,
        size: int = CACHE_SIZE,
    ) -> None:
        """`first`: agency no. 1's client on the environment's channel (made on first use,
        and the one whose connections the others share)."""
        self._first = first
        self._sealer = sealer
        self._api_base_url = api_base_url
        self._data_api_base_url = data_api_base_url
        self._timeout = timeout
        self._size = size
        self._known: OrderedDict[tuple[int, str], LineApi] = OrderedDict()
        self._lock = threading.Lock()
        self.made = 0  # clients made (the benchmark reports it)

    def client(self, channel: ChannelOf) -> LineApi:
        """The client for this agency's channel; NoChannel if it has none that can send."""
        if channel.agency_id == FIRST_AGENCY_ID and channel.state == AgencyState.ENV:
            return self._first()
        if channel.state == AgencyState.REFUSED:
            raise NoChannel(channel.agency_id, "LINE refused its access token")
        if not channel.sealed_token or channel.state != AgencyState.CONNECTED:
            raise NoChannel(channel.agency_id, f"no channel connected (state {channel.state})")
        key = (channel.agency_id, channel.sealed_token)
        with self._lock:
            found = self._known.get(key)
            if found is not None:
                self._known.move_to_end(key)
                return found
        sealer = self._sealer()
        if sealer is None:
            raise ChannelLocked(channel.agency_id, "TIDTAM_CREDENTIALS_KEYS is not set")
        try:
            token = sealer.open(channel.sealed_token)
        except CredentialsLocked as error:
            raise ChannelLocked(channel.agency_id, str(error)) from error
        first = self._first()  # made first: in demo mode it starts the fake platform
        made = LineApi(
            api_base_url=self._api_base_url(),
            data_api_base_url=self._data_api_base_url(),
            access_token=token,
            timeout=self._timeout,
            connections_of=first,
        )
        with self._lock:
            self._known[key] = made
            self._known.move_to_end(key)
            self.made += 1
            while len(self._known) > self._size:
                _, old = self._known.popitem(last=False)
                old.close()
        return made

    def close(self) -> None:
        with self._lock:
            for client in self._known.values():
                client.close()
            self._known.clear()
