"""The ISO and contract-end columns' facts: read for the rows on screen only, a few at a time,
kept a while, and taken from an Overview load without a request of their own."""

from __future__ import annotations

from lswtui.core.audit import AuditLog
from lswtui.core.clock import Clock
from lswtui.core.details import DETAILS
from lswtui.core.row_extras import EXTRAS_TTL, MAX_PER_PASS, RowExtras
from lswtui.core.session import Session
from tests.conftest import SIM_START


def session_on(sim, make_client, tmp_path, now):
    return Session(
        make_client(),
        account="prod",
        audit=AuditLog(tmp_path / "actions.jsonl"),
        clock=Clock(monotonic=lambda: now[0], now=lambda: SIM_START),
    )


def gets(sim) -> list[str]:
    return [r.path.rsplit("/", 1)[-1] for r in sim.requests if r.method == "GET"]


async def test_the_rows_on_screen_are_read_once_and_again_after_a_while(sim, make_client, tmp_path):
    now = [0.0]
    extras = RowExtras(session_on(sim, make_client, tmp_path, now))
    with_iso = next(v for v in sim.state.vps.values() if v.iso is not None)
    plain = next(v for v in sim.state.vps.values() if v.iso is None)
    assert await extras.load([with_iso.id, plain.id]) == [with_iso.id, plain.id]
    assert sorted(gets(sim)) == sorted([with_iso.id, plain.id])
    shown = extras.get(with_iso.id)
    assert shown is not None and shown.iso and extras.get(plain.id).iso == ""
    assert extras.get(plain.id).contract_ends is not None
    assert await extras.load([with_iso.id, plain.id]) == []  # kept: no request
    assert len(gets(sim)) == 2
    now[0] += EXTRAS_TTL
    assert len(await extras.load([plain.id])) == 1
    assert len(gets(sim)) == 3


async def test_a_pass_reads_at_most_a_screenful(sim, make_client, tmp_path):
    extras = RowExtras(session_on(sim, make_client, tmp_path, [0.0]))
    ids = [str(n) for n in range(MAX_PER_PASS + 10)]
    assert len(extras.due(ids)) == MAX_PER_PASS


async def test_an_overview_load_fills_them_without_a_request(sim, make_client, tmp_path):
    session = session_on(sim, make_client, tmp_path, [0.0])
    extras = RowExtras(session)
    vps = next(iter(sim.state.vps.values()))
    details = await session.client.get_vps(vps.id)
    before = len(sim.requests)
    session.details.put(vps.id, DETAILS, details)
    assert extras.get(vps.id) is not None and extras.due([vps.id]) == []
    assert len(sim.requests) == before
    extras.retain(set())
    assert extras.get(vps.id) is None


async def test_a_vps_that_cannot_be_read_is_left_for_later(sim, make_client, tmp_path):
    extras = RowExtras(session_on(sim, make_client, tmp_path, [0.0]))
    assert await extras.load(["999"]) == []
    assert extras.due(["999"]) == ["999"]
