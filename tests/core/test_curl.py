"""Copy as curl: the text is built from the request the client really sends, never holds the
key, and copying an action sends nothing."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

import httpx
import pytest

from lswtui.api import LeasewebClient
from lswtui.core.actions import ACTIONS_BY_ID
from lswtui.core.curl import (
    KEY_VARIABLE,
    NothingRequested,
    action_request,
    as_curl,
    capture,
    tab_read,
)
from lswtui.core.dialogs import CredentialInput
from lswtui.sim import DEMO_BASE_URL, Simulator
from tests.core.test_flows import Core, first, make_core
from tests.tui.actions_helpers import mutations


class Recording(httpx.AsyncBaseTransport):
    """Forwards to the simulator and keeps every request as sent."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.sent: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        self.sent.append(request)
        return await self.inner.handle_async_request(request)


@dataclass
class Kit:
    """The core on the simulator, through a transport that keeps every request it sends."""

    core: Core
    wire: Recording

    def writes(self) -> list[httpx.Request]:
        return [r for r in self.wire.sent if r.method != "GET"]


@pytest.fixture
def kit(sim: Simulator, tmp_path) -> Kit:
    wire = Recording(sim.transport())
    client = LeasewebClient.create(sim.api_key, base_url=DEMO_BASE_URL, transport=wire)
    return Kit(make_core(sim, client, tmp_path), wire)


def test_the_text_quotes_every_part_and_names_the_key_only_as_a_variable():
    request = httpx.Request(
        "PUT",
        "http://h/publicCloud/v1/vps/1?x=a b",
        json={"reference": "it's; $(rm -rf /) `id`"},
        headers={"X-LSW-Auth": "the-real-key", "Accept": "application/json"},
    )
    text = as_curl(request)
    assert "the-real-key" not in text
    assert f'-H "X-LSW-Auth: {KEY_VARIABLE}"' in text
    argv = shlex.split(text)  # as a shell splits it
    assert argv[:4] == ["curl", "-X", "PUT", "http://h/publicCloud/v1/vps/1?x=a%20b"]
    assert argv[argv.index("--data-raw") + 1] == '{"reference":"it\'s; $(rm -rf /) `id`"}'
    assert "Content-Type: application/json" in argv


async def test_a_tab_read_is_the_request_the_client_sends_for_it(kit):
    row = await kit.core.select(first)
    for tab, method in [
        ("overview", "get_vps"),
        ("ips", "list_ips"),
        ("credentials", "list_credentials"),
        ("snapshots", "list_all_snapshots"),
    ]:
        captured = await tab_read(kit.core.session, tab, row.vps_id, 7)
        await getattr(kit.core.session.client, method)(row.vps_id)
        sent = kit.wire.sent[-1]
        assert (captured.method, captured.url) == (sent.method, sent.url), tab
    traffic = await tab_read(kit.core.session, "traffic", row.vps_id, 30)
    await kit.core.session.traffic(row.vps_id, 30)
    assert traffic.url == kit.wire.sent[-1].url and "from=" in str(traffic.url)
    # a second read of the traffic is answered from the cache, the copy still has the request
    assert (await tab_read(kit.core.session, "traffic", row.vps_id, 30)).url == traffic.url
    text = as_curl(traffic)
    assert kit.core.sim.api_key not in text and text.startswith(
        "curl 'http://lswtui-sim/publicCloud/v1/vps/"
    )


async def test_a_call_that_sends_nothing_is_said(kit):
    async def nothing(client: LeasewebClient) -> None:
        return None

    with pytest.raises(NothingRequested):
        await capture(kit.core.session.client, nothing)


#: (action, VPS it runs on, answers) for the comparison with what the runner really sends.
CASES = {
    "stop": (None, [True]),
    "reboot": (None, [True]),
    "reset_password": (None, [True]),
    "attach_iso": (None, ["GRML", True]),
    "detach_iso": (lambda v: v.iso is not None, [True]),
    "edit_reference": (None, ["db-primary-old"]),
    "create_snapshot": (None, ["before-upgrade"]),
    "delete_credential": (None, [True]),
    "delete_all_credentials": (None, [True]),
}


@pytest.mark.parametrize("action_id", sorted(CASES))
async def test_an_action_copied_is_what_the_runner_would_send_and_nothing_is_sent(kit, action_id):
    predicate, answers = CASES[action_id]
    row = await kit.core.select(predicate or first)
    kit.core.host.dialogs.answers = list(answers)
    flow = ACTIONS_BY_ID[action_id].flow(kit.core.session, kit.core.host, row)
    captured = await action_request(flow, mutating=True)
    assert captured is not None
    assert mutations(kit.core.sim) == [] and kit.writes() == []
    assert all(
        title.startswith("Copy as curl: ")
        for q, title in kit.core.host.dialogs.asked
        if q != "pick"
    )

    await kit.core.run(action_id, *answers)  # now for real
    [sent] = kit.writes()
    assert (captured.method, captured.url, captured.content) == (
        sent.method,
        sent.url,
        sent.content,
    )
    assert kit.core.sim.api_key not in as_curl(captured)


async def test_a_typed_confirmation_is_a_plain_one_and_a_password_is_not_copied(kit):
    row = await kit.core.select(first)
    kit.core.host.dialogs.answers = [CredentialInput("OPERATING_SYSTEM", "ops", "s3cret-pw")]
    captured = await action_request(
        ACTIONS_BY_ID["store_credential"].flow(kit.core.session, kit.core.host, row), mutating=True
    )
    assert captured is not None
    text = as_curl(captured)
    assert (
        "s3cret-pw" not in text and '"password":"<password>"' in text and '"username":"ops"' in text
    )
    kit.core.host.dialogs.answers = [True]
    captured = await action_request(
        ACTIONS_BY_ID["delete_all_credentials"].flow(kit.core.session, kit.core.host, row),
        mutating=True,
    )
    assert captured is not None and captured.method == "DELETE"
    assert kit.core.host.dialogs.asked[-1] == ("confirm", "Copy as curl: Delete all credentials")
    assert kit.writes() == []


async def test_a_cancelled_copy_is_none_and_the_console_copies_its_read_not_its_secret(kit):
    row = await kit.core.select(first)
    kit.core.host.dialogs.answers = []
    assert (
        await action_request(
            ACTIONS_BY_ID["stop"].flow(kit.core.session, kit.core.host, row), mutating=True
        )
        is None
    )
    console = ACTIONS_BY_ID["console"]
    captured = await action_request(
        ACTIONS_BY_ID["console"].flow(kit.core.session, kit.core.host, row),
        mutating=console.mutating,
    )
    assert captured is not None
    assert (captured.method, captured.url.path) == (
        "GET",
        f"/publicCloud/v1/vps/{row.vps_id}/console",
    )
    assert kit.core.host.dialogs.asked == [
        ("confirm", "Copy as curl: Stop VPS")
    ]  # no console dialog
    assert [r for r in kit.wire.sent if r.url.path.endswith("/console")] == []
