"""The floor for loading the list: ``python -m tests.bench.client_only N`` builds the demo
simulator and reads every page with the client, no UI, and reports when it has them all."""

from __future__ import annotations

import asyncio
import sys

from lswtui.api import LeasewebClient
from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.tui import milestones


async def main(count: int) -> None:
    simulator = Simulator(vps_count=count)
    client = LeasewebClient.create(
        simulator.api_key, base_url=DEMO_BASE_URL, transport=simulator.transport()
    )
    async with client:
        await client.list_all_vps()
    milestones.reached("loaded")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
