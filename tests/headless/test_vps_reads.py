"""``lswtui vps`` reads: tables that fit, the TUI's filter, CSV safe for spreadsheets, ``--json``
checked against the schema ``lswtui vps schema`` prints, and the exit code of an API error."""

from __future__ import annotations

import csv
import io
import json

import pytest
from jsonschema import Draft202012Validator
from rich.cells import cell_len

from lswtui.api.models import VpsSummary
from lswtui.core.filtering import compile_filter
from lswtui.core.fleet import FleetRow
from lswtui.headless.shapes import SHAPES, schema
from lswtui.sim import Simulator
from tests.headless.helpers import account, pick, vps


@pytest.fixture
def state(tmp_path):
    return tmp_path / "state"


def _ids(sim, predicate=lambda v: True):
    return {v.id for v in sim.state.vps.values() if predicate(v)}


def _valid(shape: str, value) -> None:
    found = schema(shape)
    Draft202012Validator.check_schema(found)
    errors = [e.message for e in Draft202012Validator(found).iter_errors(value)]
    assert not errors, errors


async def test_list_shows_every_vps_in_a_table_that_fits_the_width(sim, state):
    sim.state.vps[pick(sim, lambda v: True).id].reference = "a-very-long-reference-" * 4
    ran = await vps(sim, state, "list", width=72)
    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    assert lines[0].split()[:3] == ["ID", "STATE", "REFERENCE"]
    assert {line.split()[0] for line in lines[1:]} == _ids(sim)
    assert all(cell_len(line) <= 72 for line in lines)
    assert any("…" in line for line in lines)  # cut cells are marked


async def test_list_filter_is_the_tuis(sim, state):
    everything = (await vps(sim, state, "list", "--json")).json()
    ran = await vps(sim, state, "list", "--filter", "state:stopped !web", "--json")
    assert ran.code == 0, ran.err
    expected = compile_filter("state:stopped !web")
    rows = [FleetRow.from_vps(VpsSummary.model_validate(item)) for item in everything]
    assert [item["id"] for item in ran.json()] == [row.vps_id for row in rows if expected(row)]
    assert ran.json(), "the demo world has stopped VPSes"
    assert all(item["state"] == "STOPPED" for item in ran.json())


async def test_list_watch_filter_keeps_the_vpses_the_tui_watches(sim, state):
    from lswtui.core.watch import WatchList, watch_file

    chosen = pick(sim, lambda v: v.state == "RUNNING").id
    WatchList(watch_file(state, "test")).toggle(chosen)  # as w in the TUI saves it
    ran = await vps(sim, state, "list", "--filter", "watch:", "--json")
    assert ran.code == 0, ran.err
    assert [item["id"] for item in ran.json()] == [chosen]


async def test_an_unknown_filter_key_is_a_usage_error_and_reads_nothing(sim, state):
    ran = await vps(sim, state, "list", "--filter", "stat:stopped")
    assert ran.code == 2
    assert "unknown key stat:" in ran.err and "state" in ran.err
    assert not ran.out and not list(sim.requests)


async def test_list_csv_is_safe_for_spreadsheets(sim, state):
    target = pick(sim, lambda v: True)
    sim.state.vps[target.id].reference = '=HYPERLINK("http://evil","x")'
    ran = await vps(sim, state, "list", "--csv")
    rows = list(csv.reader(io.StringIO(ran.out)))
    assert rows[0][:3] == ["ID", "STATE", "REFERENCE"]
    [row] = [r for r in rows if r[0] == target.id]
    assert row[2] == '\'=HYPERLINK("http://evil","x")'
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


async def test_list_merges_accounts_and_names_each_profile(tmp_path, clock):
    prod, staging = (
        Simulator(seed=1, vps_count=3, clock=clock),
        Simulator(seed=2, vps_count=2, clock=clock),
    )
    accounts = [account(prod, tmp_path, "prod"), account(staging, tmp_path, "staging")]
    ran = await vps(prod, tmp_path, "list", "--json", accounts=accounts)
    assert ran.code == 0, ran.err
    found = {(item["profile"], item["id"]) for item in ran.json()}
    assert found == {("prod", i) for i in _ids(prod)} | {("staging", i) for i in _ids(staging)}
    table = await vps(
        prod,
        tmp_path,
        "list",
        accounts=[account(prod, tmp_path, "prod"), account(staging, tmp_path, "staging")],
    )
    assert table.out.splitlines()[0].split()[:2] == ["ID", "PROFILE"]


def _with_snapshot(v):
    return any(s.state == "READY" for s in v.snapshots)


def _with_credential(v):
    return bool(v.credentials)


READS = [
    ("list", lambda sim: ["list"]),
    ("show", lambda sim: ["show", pick(sim, lambda v: True).id]),
    ("ips", lambda sim: ["ips", pick(sim, lambda v: True).id]),
    ("ip", lambda sim: ["ip", "show", (v := pick(sim, lambda v: True)).id, v.ips[0].ip]),
    ("snapshots", lambda sim: ["snapshots", pick(sim, _with_snapshot).id]),
    (
        "snapshot",
        lambda sim: ["snapshot", "show", (v := pick(sim, _with_snapshot)).id, v.snapshots[0].id],
    ),
    ("credentials", lambda sim: ["credentials", pick(sim, _with_credential).id]),
    (
        "password",
        lambda sim: [
            "credential",
            "password",
            (v := pick(sim, _with_credential)).id,
            v.credentials[0].type,
            v.credentials[0].username,
        ],
    ),
    ("traffic", lambda sim: ["traffic", pick(sim, lambda v: True).id, "--days", "7"]),
    ("isos", lambda sim: ["isos"]),
    ("images", lambda sim: ["images"]),
    ("images", lambda sim: ["reinstall-images", pick(sim, lambda v: True).id]),
    ("market-apps", lambda sim: ["market-apps"]),
    ("regions", lambda sim: ["regions"]),
]


@pytest.mark.parametrize(("shape", "argv"), READS, ids=[f"{i}-{r[0]}" for i, r in enumerate(READS)])
async def test_every_read_prints_json_of_its_schema_and_a_table(sim, state, shape, argv):
    args = argv(sim)
    ran = await vps(sim, state, *args, "--json")
    assert ran.code == 0, ran.err
    value = ran.json()
    _valid(shape, value)
    assert value, f"{args} printed nothing"
    table = await vps(sim, state, *args, width=100)
    assert table.code == 0, table.err
    assert table.out.strip()
    assert all(cell_len(line) <= 100 for line in table.out.splitlines())
    assert all(r.method == "GET" for r in sim.requests)


async def test_json_shapes_are_stable(sim, state):
    """The documented fields: a script may rely on these names (README: CLI reference)."""
    running = pick(sim, lambda v: v.state == "RUNNING")
    [item] = [i for i in (await vps(sim, state, "list", "--json")).json() if i["id"] == running.id]
    assert {"id", "profile", "state", "reference", "ips", "region", "pack", "image"} <= item.keys()
    shown = (await vps(sim, state, "show", running.id, "--json")).json()
    assert {"id", "state", "ips", "iso", "resources", "contract"} <= shown.keys()
    assert set(schema("result")["properties"]) == {
        "profile",
        "vpsId",
        "action",
        "outcome",
        "status",
        "correlationId",
        "error",
        "exitCode",
    }


async def test_traffic_covers_the_days_asked(sim, state):
    target = pick(sim, lambda v: True)
    ran = await vps(sim, state, "traffic", target.id, "--days", "7")
    lines = ran.out.splitlines()
    assert lines[0].split() == ["DAY", "DOWN", "UP"]
    assert lines[-1].startswith("total")
    assert 7 <= len(lines) - 2 <= 8  # today's bucket may be open


async def test_the_password_is_printed_only_when_asked_for_by_name(sim, state):
    target = pick(sim, _with_credential)
    cred = target.credentials[0]
    listed = await vps(sim, state, "credentials", target.id)
    assert cred.password not in listed.out + listed.err
    shown = await vps(sim, state, "credential", "password", target.id, cred.type, cred.username)
    assert shown.out.strip() == cred.password
    assert cred.password not in shown.err


async def test_an_unknown_vps_is_an_api_error_with_its_correlation_id(sim, state):
    ran = await vps(sim, state, "show", "999999999")
    assert ran.code == 1
    [request] = list(sim.requests)
    assert request.status == 404
    assert f"correlationId: {request.correlation_id}" in ran.err
    assert not ran.out


def test_schema_command_prints_each_schema(capsys):
    from lswtui.cli import main

    for name in SHAPES:
        assert main(["vps", "schema", name]) == 0
        printed = json.loads(capsys.readouterr().out)
        Draft202012Validator.check_schema(printed)
        assert printed == schema(name)


@pytest.mark.parametrize(
    "argv", [["--profile", "ops", "vps", "list"], ["vps", "list", "--profile", "ops"]]
)
def test_account_options_work_before_and_after_vps(argv):
    from lswtui.cli import build_parser

    args = build_parser().parse_args(argv)
    assert (args.profile, args.read_only, args.all_profiles) == (["ops"], False, False)


def test_profile_repeats_after_vps_too():
    from lswtui.cli import build_parser

    args = build_parser().parse_args(["vps", "list", "--profile", "a", "--profile", "b"])
    assert args.profile == ["a", "b"]
    assert build_parser().parse_args(["vps", "list", "--all-profiles"]).all_profiles


def test_an_unknown_profile_or_no_key_is_a_config_error_exit_2(capsys):
    from lswtui.cli import main

    assert main(["vps", "list", "--profile", "nope"]) == 2
    assert "No profile 'nope'" in capsys.readouterr().err
    assert main(["vps", "list"]) == 2
    assert "LEASEWEB_API_KEY" in capsys.readouterr().err


def test_demo_never_acts_on_the_configured_account(capsys, monkeypatch):
    from lswtui.cli import main

    monkeypatch.setenv("LEASEWEB_API_KEY", "a-real-key")
    assert main(["--demo", "vps", "stop", "123", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "lswtui sim --port" in err and "a-real-key" not in err


@pytest.mark.parametrize("form", [[], ["--csv"], ["--json"]])
async def test_hostile_api_strings_cannot_forge_rows_or_reach_the_terminal(sim, state, form):
    target = pick(sim, lambda v: True)
    sim.state.vps[target.id].reference = "evil\n999999999  RUNNING\x1b[2J\x9b31m\u202e"
    ran = await vps(sim, state, "list", *form)
    assert ran.code == 0, ran.err
    assert not any(ch in ran.out for ch in "\x1b\x9b\u202e")
    if not form:
        assert len(ran.out.splitlines()) == len(sim.state.vps) + 1
        assert "999999999" not in [line.split()[0] for line in ran.out.splitlines()]
