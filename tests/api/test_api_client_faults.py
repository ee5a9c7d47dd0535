"""The client against the simulator's fault injection: only ``ApiError`` ever comes out, GETs
back off (honouring Retry-After), writes are sent once and say when their outcome is unknown."""

from __future__ import annotations

import pytest

from lswtui.api import ApiConnectionError, ApiError, InvalidResponseError, LeasewebClient
from lswtui.sim import DEMO_BASE_URL, FakeClock, Simulator
from lswtui.sim.faults import Faults

EXCLUSIVE = ("5xx=1", "429=1", "drop=1", "timeout=1", "malformed=1", "html=1")


def faulty_client(
    spec: str, seed: int = 0, **kwargs
) -> tuple[Simulator, LeasewebClient, list[float]]:
    sim = Simulator(
        clock=FakeClock(), vps_count=6, extra_layers=[Faults.parse(spec, seed=seed).layer()]
    )
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    client = LeasewebClient.create(
        sim.api_key, base_url=DEMO_BASE_URL, transport=sim.transport(), sleep=sleep, **kwargs
    )
    return sim, client, sleeps


@pytest.mark.parametrize("spec", EXCLUSIVE)
async def test_every_fault_on_a_get_is_an_api_error_after_bounded_retries(spec):
    sim, client, sleeps = faulty_client(spec, max_retries=3, backoff_base=0.5)
    with pytest.raises(ApiError) as caught:
        await client.get_vps(sim.state.vps_list[0].id)
    error = caught.value
    assert error.operation == f"Get VPS {sim.state.vps_list[0].id}" and error.error_message
    if isinstance(error, InvalidResponseError):  # a 200 with a broken body: not transient
        assert len(sim.requests) == 1 and sleeps == []
    else:
        assert len(sim.requests) == 4
        assert sleeps == ([1.0, 1.0, 2.0] if spec == "429=1" else [0.5, 1.0, 2.0])
    if error.status is not None:
        assert error.correlation_id == sim.requests[-1].correlation_id


async def test_retry_after_longer_than_the_backoff_is_honoured():
    _, client, sleeps = faulty_client("429=1,retry_after=5s", max_retries=2)
    with pytest.raises(ApiError, match="HTTP 429"):
        await client.list_vps()
    assert sleeps == [5.0, 5.0]


async def test_a_flaky_api_still_lists_the_whole_fleet_through_retries():
    sim, client, sleeps = faulty_client(
        "5xx=0.3,429=0.1,drop=0.1,timeout=0.1,html=0.1", seed=3, page_size=2, max_retries=6
    )
    vpses = await client.list_all_vps()
    assert sorted(v.id for v in vpses) == sorted(v.id for v in sim.state.vps_list)
    assert sleeps and len(sim.requests) > 3


@pytest.mark.parametrize("spec", EXCLUSIVE)
async def test_a_write_is_sent_once_and_never_reported_as_done(spec):
    sim, client, sleeps = faulty_client(spec)
    vps = next(v for v in sim.state.vps_list if v.state == "RUNNING")
    try:
        result = await client.stop_vps(vps.id)
    except ApiError as error:
        assert error.mutating
        # 429, 500 and 503 arrive before the API acts; everything else may have been applied.
        assert error.outcome_unknown == (vps.state == "STOPPING"), (spec, error.status)
    else:  # a 202 body is never read, so a garbled one changes nothing
        assert spec == "malformed=1" and result.status_code == 202
    assert [r.method for r in sim.requests] == ["POST"] and sleeps == []


async def test_a_garbled_answer_to_a_write_leaves_its_outcome_unknown():
    sim, client, _ = faulty_client("malformed=1")
    vps = sim.state.vps_list[0]
    with pytest.raises(InvalidResponseError) as caught:
        await client.update_vps_reference(vps.id, "renamed")
    assert vps.reference == "renamed"
    assert caught.value.outcome_unknown and "Outcome unknown" in caught.value.describe()


async def test_timeouts_and_drops_are_connection_errors_without_status():
    for spec in ("timeout=1", "drop=1"):
        sim, client, _ = faulty_client(spec)
        with pytest.raises(ApiConnectionError) as caught:
            await client.reboot_vps(sim.state.vps_list[0].id)
        assert caught.value.status is None and caught.value.outcome_unknown


async def test_unknown_fields_and_states_still_parse():
    sim, client, _ = faulty_client("unknown=1")
    vpses = await client.list_all_vps()
    assert {v.state for v in vpses} == {"MAINTENANCE"} and len(vpses) == len(sim.state.vps_list)
    details = await client.get_vps(vpses[0].id)
    assert details.id == vpses[0].id


async def test_readonly_key_gets_403_on_writes_only():
    sim, client, _ = faulty_client("readonly")
    vps = sim.state.vps_list[0]
    await client.get_vps(vps.id)
    with pytest.raises(ApiError) as caught:
        await client.start_vps(vps.id)
    assert caught.value.is_forbidden and not caught.value.outcome_unknown
    assert "may not" in caught.value.describe()
