"""``Simulator.reachable``: would TCP port P of IP X accept a connection now?"""

from __future__ import annotations

from sim_helpers import make_client, pick

from lswtui.sim import FakeClock, Simulator
from lswtui.sim.model import RUNNING
from lswtui.sim.reachability import BOOT_SECONDS, RDP, SSH, boot_time, open_ports


def settled(vps_count: int = 25) -> tuple[Simulator, FakeClock]:
    clock = FakeClock()
    sim = Simulator(clock=clock, vps_count=vps_count)
    clock.advance(60)  # the generated account's movers have settled
    return sim, clock


def main_ipv4(vps) -> str:
    ip = vps.main_ip
    assert ip is not None and ip.version == 4
    return ip.ip


def test_a_running_vps_answers_on_its_open_ports_only():
    sim, _ = settled()
    vps = pick(
        sim,
        lambda v: (
            v.state == RUNNING
            and v.image.family != "windows"
            and v.main_ip is not None
            and v.main_ip.version == 4
            and not v.main_ip.null_routed
        ),
    )
    ip = main_ipv4(vps)
    assert SSH in open_ports(vps) and RDP not in open_ports(vps)
    assert sim.reachable(ip, 22)
    assert not sim.reachable(ip, 3389) and not sim.reachable(ip, 25)
    assert sim.reachable(ip, 80) is (80 in open_ports(vps))
    assert not sim.reachable("203.0.113.0", 22)  # no VPS has it
    assert not sim.reachable("not an ip", 22)


def test_windows_answers_rdp_and_web_servers_80_and_443():
    sim, _ = settled(200)
    windows = [v for v in sim.state.vps_list if v.image.family == "windows"]
    assert windows and all(RDP in open_ports(v) and SSH not in open_ports(v) for v in windows)
    web = [v for v in sim.state.vps_list if {80, 443} <= open_ports(v)]
    assert 0.3 < len(web) / len(sim.state.vps_list) < 0.8
    assert all({80, 443} <= open_ports(v) for v in sim.state.vps_list if v.market_app_id)


def test_boot_times_are_fixed_per_vps_within_the_range():
    sim, _ = settled(200)
    times = [boot_time(v).total_seconds() for v in sim.state.vps_list]
    assert all(BOOT_SECONDS[0] <= t <= BOOT_SECONDS[1] for t in times)
    assert len(set(times)) > 150
    assert times == [boot_time(v).total_seconds() for v in sim.state.vps_list]


async def test_not_while_stopped_nor_before_the_boot_ends_nor_when_null_routed():
    sim, clock = settled()
    vps = pick(
        sim,
        lambda v: (
            v.state == RUNNING
            and v.image.family == "linux"
            and v.main_ip is not None
            and v.main_ip.version == 4
            and not v.main_ip.null_routed
        ),
    )
    ip, t = main_ipv4(vps), sim.timings
    async with make_client(sim) as client:
        assert sim.reachable(ip, 22)
        assert (await client.post(f"/vps/{vps.id}/reboot")).status_code == 202
        assert not sim.reachable(ip, 22)  # STOPPING
        clock.advance(t.reboot)
        sim.catch_up()
        assert vps.state == RUNNING and not sim.reachable(ip, 22)  # services still coming up
        clock.advance(boot_time(vps).total_seconds() - 1)
        assert not sim.reachable(ip, 22)
        clock.advance(1)
        assert sim.reachable(ip, 22)
        assert (await client.post(f"/vps/{vps.id}/ips/{ip}/null")).status_code == 200
        assert not sim.reachable(ip, 22)
        assert (await client.post(f"/vps/{vps.id}/ips/{ip}/unnull")).status_code == 200
        assert sim.reachable(ip, 22)
        assert (await client.post(f"/vps/{vps.id}/stop")).status_code == 202
        clock.advance(t.stop)
        assert not sim.reachable(ip, 22)


def test_only_the_main_ipv4_answers():
    sim, _ = settled(200)
    for vps in sim.state.vps_list:
        if vps.state != RUNNING:
            continue
        for ip in vps.ips:
            if not ip.main or ip.version != 4:
                assert not sim.reachable(ip.ip, 22) and not sim.reachable(ip.ip, 3389)
