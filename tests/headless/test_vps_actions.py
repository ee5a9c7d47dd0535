"""``lswtui vps`` actions: the TUI's flows, rules, runner and action log, driven by arguments.

Each mutation sends exactly one request and is logged; nothing is sent without ``--yes`` when
stdin is not a terminal, when the answer is no, when a rule or read-only mode refuses it.
"""

from __future__ import annotations

import asyncio
import signal

import pytest

from lswtui.sim import Simulator
from lswtui.sim.errors import error_response
from tests.headless.helpers import MUTATING, account, audit, mutations, pick, vps


@pytest.fixture
def state(tmp_path):
    return tmp_path / "state"


def running(v):
    return v.state == "RUNNING" and not v.snapshots and v.iso is None and v.main_ip is not None


def stopped(v):
    return v.state == "STOPPED"


async def test_stop_with_yes_sends_one_request_and_logs_it(sim, state):
    target = pick(sim, running)
    ran = await vps(sim, state, "stop", target.id, "--yes")
    assert ran.code == 0, ran.err
    [sent] = mutations(sim)
    assert (sent.method, sent.api_path, sent.status) == ("POST", f"/vps/{target.id}/stop", 202)
    assert "accepted; waiting for STOPPED" in ran.err
    assert f"correlationId {sent.correlation_id}" in ran.err
    [entry] = audit(state)
    assert (entry.operation, entry.vps_id, entry.outcome, entry.profile) == (
        "stop",
        target.id,
        "accepted",
        "test",
    )
    assert entry.correlation_id == sent.correlation_id
    assert sim.state.vps[target.id].state == "STOPPING"


async def test_without_yes_a_stdin_that_is_not_a_terminal_sends_nothing(sim, state):
    target = pick(sim, running)
    ran = await vps(sim, state, "stop", target.id)
    assert ran.code == 2
    assert "pass --yes" in ran.err
    assert not mutations(sim) and not audit(state)
    assert sim.state.vps[target.id].state == "RUNNING"


@pytest.mark.parametrize(("typed", "code", "sent"), [("n\n", 3, 0), ("\n", 3, 0), ("y\n", 0, 1)])
async def test_on_a_terminal_the_answer_decides(sim, state, typed, code, sent):
    target = pick(sim, running)
    ran = await vps(sim, state, "stop", target.id, stdin=typed, tty=True)
    assert ran.code == code, ran.err
    assert "Proceed? [y/N]" in ran.err
    assert len(mutations(sim)) == sent


async def test_a_destructive_action_wants_the_vps_id_typed(sim, state):
    target = pick(sim, lambda v: running(v) and v.credentials)
    wrong = await vps(sim, state, "credential", "delete-all", target.id, stdin="y\n", tty=True)
    assert wrong.code == 3 and not mutations(sim)
    assert f"Type the VPS id ({target.id})" in wrong.err
    right = await vps(
        sim, state, "credential", "delete-all", target.id, stdin=f"{target.id}\n", tty=True
    )
    assert right.code == 0, right.err
    [sent] = mutations(sim)
    assert (sent.method, sent.api_path) == ("DELETE", f"/vps/{target.id}/credentials")


async def test_reboot_of_a_stopped_vps_is_refused_with_the_reason_and_sends_nothing(sim, state):
    target = pick(sim, stopped)
    ran = await vps(sim, state, "reboot", target.id, "--yes", "--json")
    assert ran.code == 3
    assert "Reboot VPS is not available: the VPS is STOPPED; this needs RUNNING" in ran.err
    assert not mutations(sim) and not audit(state)
    assert ran.json()["outcome"] is None and ran.json()["exitCode"] == 3


async def test_read_only_sends_nothing(sim, state):
    target = pick(sim, running)
    ran = await vps(sim, state, "stop", target.id, "--yes", read_only=True)
    assert ran.code == 3
    assert "Read-only mode: Stop VPS is not available" in ran.err
    assert not mutations(sim)


async def test_wait_tracks_to_the_final_state_with_progress_lines(sim, state):
    target = pick(sim, running)
    ran = await vps(sim, state, "stop", target.id, "--yes", "--wait", "--json")
    assert ran.code == 0, ran.err
    assert ran.err.count(": STOPPING, ") == 1 and ": STOPPED, 4s after sending" in ran.err
    assert "completed in" in ran.err
    assert sim.state.vps[target.id].state == "STOPPED"
    assert len(mutations(sim)) == 1
    outcomes = [e.outcome for e in audit(state)]
    assert outcomes == ["accepted", "completed"]
    result = ran.json()
    assert (result["outcome"], result["status"], result["exitCode"]) == ("completed", 202, 0)
    assert result["correlationId"] == mutations(sim)[0].correlation_id


async def test_wait_gives_up_after_the_timeout_with_outcome_unknown(sim, state):
    target = pick(sim, running)
    ran = await vps(sim, state, "reboot", target.id, "--yes", "--wait", "--timeout", "2")
    assert ran.code == 4
    assert "not confirmed after" in ran.err
    assert [e.outcome for e in audit(state)] == ["accepted", "unconfirmed"]
    assert len(mutations(sim)) == 1


def _gateway_timeout_on_writes(app):
    async def layer(scope, receive, send):
        if scope["type"] == "http" and scope["method"] in MUTATING:
            await error_response(504, "The server took too long to respond.", "cid-504")(
                scope, receive, send
            )
        else:
            await app(scope, receive, send)

    return layer


async def test_a_write_without_a_definite_answer_exits_4_and_is_not_resent(tmp_path, clock):
    sim = Simulator(seed=42, vps_count=25, clock=clock, extra_layers=[_gateway_timeout_on_writes])
    target = pick(sim, running)
    ran = await vps(sim, tmp_path, "stop", target.id, "--yes")
    assert ran.code == 4
    assert "Outcome unknown" in ran.err and "It was not re-sent" in ran.err
    assert len(mutations(sim)) == 1
    assert [e.outcome for e in audit(tmp_path)] == ["unknown"]


async def test_an_api_error_exits_1_with_its_message_and_correlation_id(sim, state):
    target = pick(sim, lambda v: running(v) and v.credentials)
    taken = target.credentials[0]
    ran = await vps(
        sim, state, "credential", "store", target.id, taken.type, taken.username,
        "--password-stdin", "--yes", stdin="s3cret-Pw\n",
    )  # fmt: skip
    assert ran.code == 1
    [sent] = mutations(sim)
    assert sent.status == 400
    assert f"correlationId: {sent.correlation_id}" in ran.err
    assert [e.outcome for e in audit(state)] == ["failed"]
    assert "s3cret-Pw" not in ran.err + ran.out + (state / "actions.jsonl").read_text()


async def test_a_stored_password_never_reaches_output_or_the_log(sim, state):
    target = pick(sim, running)
    ran = await vps(
        sim, state, "credential", "store", target.id, "OPERATING_SYSTEM", "ops",
        "--password-stdin", "--yes", stdin="Tr0ub4dor&3\n",
    )  # fmt: skip
    assert ran.code == 0, ran.err
    assert (
        sim.state.vps[target.id].find_credential("OPERATING_SYSTEM", "ops").password
        == "Tr0ub4dor&3"
    )
    assert "Tr0ub4dor&3" not in ran.err + ran.out + (state / "actions.jsonl").read_text()


async def test_a_password_is_asked_on_the_terminal_without_echo(sim, state):
    target = pick(sim, running)
    ran = await vps(
        sim, state, "credential", "store", target.id, "OPERATING_SYSTEM", "ops",
        stdin="y\n", tty=True, secret="from-the-terminal",
    )  # fmt: skip
    assert ran.code == 0, ran.err
    stored = sim.state.vps[target.id].find_credential("OPERATING_SYSTEM", "ops")
    assert stored.password == "from-the-terminal"
    without = await vps(
        sim, state, "credential", "store", target.id, "OPERATING_SYSTEM", "ops2", "--yes"
    )
    assert without.code == 2 and "--password-stdin" in without.err


async def test_reinstall_with_a_snapshot_is_refused_before_sending(sim, state):
    target = pick(sim, lambda v: v.state == "RUNNING" and v.snapshots)
    ran = await vps(sim, state, "reinstall", target.id, "--image", "UBUNTU_24_04_64BIT", "--yes")
    assert ran.code == 3
    assert "while the VPS has a snapshot" in ran.err
    assert not mutations(sim)


async def test_an_unknown_image_or_iso_is_a_usage_error_naming_the_choices(sim, state):
    target = pick(sim, running)
    image = await vps(sim, state, "reinstall", target.id, "--image", "NOPE", "--yes")
    assert image.code == 2 and "no image 'NOPE'" in image.err and "UBUNTU_24_04_64BIT" in image.err
    iso = await vps(sim, state, "iso", "attach", target.id, "NOPE", "--yes")
    assert iso.code == 2 and "no 'NOPE' here" in iso.err and "GRML" in iso.err
    assert not mutations(sim)


async def test_console_prints_the_url_only_for_a_running_vps(sim, state):
    target = pick(sim, running)
    ran = await vps(sim, state, "console", target.id, "--json")
    assert ran.code == 0, ran.err
    assert ran.json()["url"].startswith("http")
    assert ran.json()["url"] not in ran.err
    off = await vps(sim, state, "console", pick(sim, stopped).id)
    assert off.code == 3 and not off.out
    assert not audit(state)


async def test_a_bad_unnull_after_is_a_usage_error_before_any_request(sim, state):
    target = pick(sim, running)
    ran = await vps(sim, state, "ip", "null", target.id, target.main_ip.ip, "--unnull-after", "0")
    assert ran.code == 2 and "1 to 17520" in ran.err
    assert not list(sim.requests)


def _one(sim, pred):
    return pick(sim, pred)


def _credential(v):
    return running(v) and v.credentials


def _snapshot(v):
    return v.state == "RUNNING" and any(s.state == "READY" for s in v.snapshots)


def _public_v4(v):
    return next(ip.ip for ip in v.ips if ip.version == 4 and ip.network_type == "PUBLIC")


def _extra_v4(v):
    return running(v) and any(
        ip.version == 4 and ip.network_type == "PUBLIC" and not ip.main for ip in v.ips
    )


#: (argv, method, path suffix, action id) for every mutating command.
MUTATIONS = [
    (lambda s: ["start", _one(s, stopped).id], "POST", "/start", "start"),
    (lambda s: ["stop", _one(s, running).id], "POST", "/stop", "stop"),
    (lambda s: ["reboot", _one(s, running).id], "POST", "/reboot", "reboot"),
    (
        lambda s: ["reinstall", _one(s, running).id, "--image", "UBUNTU_24_04_64BIT"],
        "PUT",
        "/reinstall",
        "reinstall",
    ),
    (lambda s: ["reference", _one(s, running).id, "renamed"], "PUT", "", "edit_reference"),
    (lambda s: ["reset-password", _one(s, running).id], "POST", "/resetPassword", "reset_password"),
    (
        lambda s: [
            "credential",
            "update",
            (v := _one(s, _credential)).id,
            v.credentials[0].type,
            v.credentials[0].username,
            "--password-stdin",
        ],
        "PUT",
        "",
        "update_credential",
    ),
    (
        lambda s: [
            "credential",
            "delete",
            (v := _one(s, _credential)).id,
            v.credentials[0].type,
            v.credentials[0].username,
        ],
        "DELETE",
        "",
        "delete_credential",
    ),
    (
        lambda s: [
            "credential",
            "store",
            _one(s, running).id,
            "CONTROL_PANEL",
            "newadmin",
            "--password-stdin",
        ],
        "POST",
        "/credentials",
        "store_credential",
    ),
    (
        lambda s: ["credential", "delete-all", _one(s, _credential).id],
        "DELETE",
        "/credentials",
        "delete_all_credentials",
    ),
    (lambda s: ["iso", "attach", _one(s, running).id, "GRML"], "POST", "/attachIso", "attach_iso"),
    (
        lambda s: ["iso", "detach", _one(s, lambda v: v.iso is not None).id],
        "POST",
        "/detachIso",
        "detach_iso",
    ),
    (
        lambda s: ["snapshot", "create", _one(s, running).id, "--name", "before-upgrade"],
        "POST",
        "/snapshots",
        "create_snapshot",
    ),
    (lambda s: ["snapshot", "restore", _one(s, _snapshot).id], "PUT", "", "restore_snapshot"),
    (lambda s: ["snapshot", "delete", _one(s, _snapshot).id], "DELETE", "", "delete_snapshot"),
    (
        lambda s: ["ip", "rdns", (v := _one(s, running)).id, v.main_ip.ip, "host.example.com"],
        "PUT",
        "",
        "set_reverse_dns",
    ),
    (
        lambda s: [
            "ip",
            "null",
            (v := _one(s, running)).id,
            _public_v4(v),
            "--comment",
            "ddos",
            "--unnull-after",
            "24",
        ],
        "POST",
        "/null",
        "null_route",
    ),
    (
        lambda s: [
            "ip",
            "unnull",
            (v := _one(s, lambda v: v.main_ip and v.main_ip.null_routed)).id,
            v.main_ip.ip,
        ],
        "POST",
        "/unnull",
        "remove_null_route",
    ),
]


@pytest.mark.parametrize(
    ("argv", "method", "suffix", "action"), MUTATIONS, ids=[m[3] for m in MUTATIONS]
)
async def test_every_mutation_sends_exactly_one_request_and_logs_it(
    sim, state, argv, method, suffix, action
):
    args = argv(sim)
    ran = await vps(sim, state, *args, "--yes", "--json", stdin="N3w-passw0rd\n")
    assert ran.code == 0, ran.err
    [sent] = mutations(sim)
    assert sent.method == method
    assert sent.api_path.startswith(
        f"/vps/{args[2] if args[0] in ('credential', 'iso', 'snapshot', 'ip') else args[1]}"
    )
    assert sent.api_path.endswith(suffix)
    assert sent.status < 400
    [entry] = audit(state)
    assert entry.operation == action and entry.outcome in ("accepted", "done")
    if sent.status in (202, 204):  # the runner reads it from an Accepted answer only
        assert entry.correlation_id == sent.correlation_id
    result = ran.json()
    assert (result["action"], result["outcome"], result["exitCode"]) == (action, entry.outcome, 0)
    assert "N3w-passw0rd" not in ran.out + ran.err + (state / "actions.jsonl").read_text()


async def test_the_named_snapshot_is_the_one_restored(sim, state):
    target = pick(sim, _snapshot)
    snapshot = next(s for s in target.snapshots if s.state == "READY")
    ran = await vps(sim, state, "snapshot", "restore", target.id, snapshot.id, "--yes")
    assert ran.code == 0, ran.err
    [sent] = mutations(sim)
    assert sent.api_path == f"/vps/{target.id}/snapshots/{snapshot.id}"
    missing = await vps(sim, state, "snapshot", "restore", target.id, "no-such-snapshot", "--yes")
    assert missing.code == 1 and len(mutations(sim)) == 1


async def test_a_vps_is_found_in_whichever_account_has_it(tmp_path, clock):
    prod, staging = (
        Simulator(seed=1, vps_count=3, clock=clock),
        Simulator(seed=2, vps_count=3, clock=clock),
    )
    target = pick(staging, running)
    accounts = [account(prod, tmp_path, "prod"), account(staging, tmp_path, "staging")]
    ran = await vps(staging, tmp_path, "stop", target.id, "--yes", accounts=accounts)
    assert ran.code == 0, ran.err
    assert not mutations(prod) and len(mutations(staging)) == 1
    assert [e.profile for e in audit(tmp_path)] == ["staging"]


class HeldWrites:
    """A simulator layer that holds every write until ``release`` is set."""

    def __init__(self) -> None:
        self.arrived = asyncio.Event()
        self.release = asyncio.Event()

    def __call__(self, app):
        async def route(scope, receive, send):
            if scope.get("method") in MUTATING:
                self.arrived.set()
                await self.release.wait()
            await app(scope, receive, send)

        return route


async def test_ctrl_c_with_a_write_in_flight_logs_it_as_unknown_and_exits_4(tmp_path, clock):
    held = HeldWrites()
    sim = Simulator(seed=42, vps_count=25, clock=clock, extra_layers=[held])
    target = pick(sim, running)
    command = asyncio.create_task(vps(sim, tmp_path, "stop", target.id, "--yes"))
    await asyncio.wait_for(held.arrived.wait(), 10)
    signal.raise_signal(signal.SIGINT)  # the command's handler takes it, not KeyboardInterrupt
    ran = await asyncio.wait_for(command, 10)
    held.release.set()
    assert ran.code == 4
    assert "interrupted" in ran.err
    [entry] = audit(tmp_path)
    assert entry.outcome == "unknown" and "Ctrl-C" in (entry.error or "")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


async def test_ctrl_c_while_waiting_for_the_effect_logs_the_action_unconfirmed(tmp_path, clock):
    sim = Simulator(seed=42, vps_count=25, clock=clock)
    target = pick(sim, running)
    waiting = asyncio.Event()
    command = asyncio.create_task(
        vps(sim, tmp_path, "stop", target.id, "--yes", "--wait", waiting=waiting)
    )
    await asyncio.wait_for(waiting.wait(), 10)  # accepted, and waiting for STOPPED
    signal.raise_signal(signal.SIGINT)
    ran = await asyncio.wait_for(command, 10)
    assert ran.code == 130 and "interrupted" in ran.err
    accepted, unconfirmed = audit(tmp_path)
    assert (accepted.outcome, unconfirmed.outcome) == ("accepted", "unconfirmed")
    assert unconfirmed.vps_id == target.id and "Ctrl-C" in (unconfirmed.error or "")
    assert len(mutations(sim)) == 1


async def test_a_reference_already_set_sends_nothing_and_says_so(sim, state):
    target = pick(sim, lambda v: running(v) and v.reference)
    ran = await vps(sim, state, "reference", target.id, target.reference, "--yes")
    assert ran.code == 0
    assert "nothing was sent" in ran.err
    assert not mutations(sim) and not audit(state)


async def test_clearing_the_reference_is_confirmed_twice_and_sent_once(sim, state):
    target = pick(sim, lambda v: running(v) and v.reference)
    ran = await vps(sim, state, "reference", target.id, "", stdin="y\ny\n", tty=True)
    assert ran.code == 0, ran.err
    assert ran.err.count("Proceed? [y/N]") == 2 and "Clear the reference" in ran.err
    [sent] = mutations(sim)
    assert sent.method == "PUT" and sim.state.vps[target.id].reference == ""


async def test_on_a_terminal_the_progress_line_is_redrawn_in_place(sim, state):
    target = pick(sim, running)
    ran = await vps(sim, state, "stop", target.id, "--wait", "--yes", tty_stderr=True)
    assert ran.code == 0, ran.err
    drawn = ran.err.split("\r\x1b[K")[1:]
    assert [line.split(": ")[2].split(",")[0] for line in drawn] == ["STOPPING", "STOPPED"]
    assert "STOPPED, 4s after sending\nlswtui: Stop VPS" in ran.err  # closed before what follows
    assert "completed in 4s" in ran.err
