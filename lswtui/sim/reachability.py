"""Would a TCP connection to port P of IP X be accepted now? The simulator's answer, for a
client that probes what it manages (``Simulator.reachable``).

True only when all of these hold:

* X is the main IPv4 address of a VPS of the account (any spelling ``ipaddress`` accepts);
* that VPS has been RUNNING for at least its boot time since it last became RUNNING, fixed per
  VPS between ``BOOT_SECONDS`` (a reboot, a start or a reinstall starts it again);
* X is not null-routed;
* P is open: 22 (SSH) on a Linux image, 3389 (RDP) on Windows, and 80 and 443 too on a web
  server (a VPS with a market app, and about half of the others, fixed per VPS).
"""

from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta
from hashlib import blake2b

from .model import RUNNING, Vps
from .world import World

BOOT_SECONDS = (15.0, 45.0)
SSH, RDP, WEB = 22, 3389, (80, 443)


def _uniform(vps_id: str, what: str) -> float:
    digest = blake2b(f"{vps_id}|{what}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def boot_time(vps: Vps) -> timedelta:
    """How long after it becomes RUNNING the VPS accepts connections."""
    low, high = BOOT_SECONDS
    return timedelta(seconds=low + (high - low) * _uniform(vps.id, "boot"))


def open_ports(vps: Vps) -> frozenset[int]:
    ports = {RDP if vps.image.family == "windows" else SSH}
    if vps.market_app_id is not None or _uniform(vps.id, "web") < 0.5:
        ports.update(WEB)
    return frozenset(ports)


def reachable(world: World, ip: str, port: int, now: datetime) -> bool:
    """See the module docstring; ``world`` must be caught up to ``now``."""
    try:
        address = str(ipaddress.ip_address(ip))
    except ValueError:
        return False
    vps = world.ip_index.get(address)
    if vps is None:
        return False
    main = vps.main_ip
    return (
        main is not None
        and main.ip == address
        and main.version == 4
        and not main.null_routed
        and vps.state == RUNNING
        and vps.running_since is not None
        and now - vps.running_since >= boot_time(vps)
        and port in open_ports(vps)
    )
