"""The harness's start on loopback ports picked as free: a port another process takes before the hub's proxy binds
it means a start again on new ports, a few times, not a failed test."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from simkit.hub.local import PORT_TAKEN, chp_command
from tests.components import missing
from tests.hub.harness import READY, START_ATTEMPTS, Hub, running_hub


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A loopback port another process listens on."""
    try:
        chp_command()
    except FileNotFoundError as error:
        missing(str(error))
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield int(holder.getsockname()[1])


def give_the_proxy(port: int, attempts: int, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, int]]:
    """Have the first ``attempts`` starts give the proxy's API ``port``; returns the ports each start picked."""
    picked: list[dict[str, int]] = []
    pick_ports = Hub.pick_ports

    def pick(hub: Hub) -> dict[str, int]:
        ports = pick_ports(hub) | ({"proxy_api": port} if len(picked) < attempts else {})
        picked.append(ports)
        return ports

    monkeypatch.setattr(Hub, "pick_ports", pick)
    return picked


def test_a_port_taken_at_start_means_a_start_again_on_new_ports(
    taken_port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picked = give_the_proxy(taken_port, 1, monkeypatch)
    with running_hub(tmp_path, "test_ports", ()) as hub:
        assert [ports["proxy_api"] == taken_port for ports in picked] == [True, False]
        assert PORT_TAKEN.search((hub.logs / "attempt-1" / "jupyterhub.log").read_text())
        assert hub.call(None, "GET", READY)[0] == 401  # the service answers through the second start's proxy
        assert hub.user("ann")  # and the hub's API, with the admin service's token


def test_a_port_taken_at_every_start_fails_saying_so(
    taken_port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picked = give_the_proxy(taken_port, START_ATTEMPTS, monkeypatch)
    with (
        pytest.raises(RuntimeError, match="jupyterhub: a port it was given is taken"),
        running_hub(tmp_path, "test_ports_fail", ()),
    ):
        pass
    assert len(picked) == START_ATTEMPTS
    assert PORT_TAKEN.search((tmp_path / "logs" / "jupyterhub.log").read_text())
