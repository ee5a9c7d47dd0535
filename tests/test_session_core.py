"""The session core without a running App: detail cache, traffic cache, read-only, events."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from lswtui.core.audit import AuditLog
from lswtui.core.clock import Clock
from lswtui.core.details import DETAILS, IPS, SNAPSHOTS, DetailCache
from lswtui.core.events import DetailLoaded, FleetChanged, HealthChanged, ReadOnlyEntered
from lswtui.core.session import TRAFFIC_KEPT, TRAFFIC_TTL, Session

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


class FakeClient:
    def __init__(self) -> None:
        self.read_only = False
        self.on_request = self.on_retry = None
        self.traffic_calls: list[tuple[str, object, object]] = []
        self.iso_calls = 0

    async def get_data_traffic(self, vps_id, from_, to):
        self.traffic_calls.append((vps_id, from_, to))
        return SimpleNamespace(vps_id=vps_id, from_=from_)

    async def list_all_isos(self):
        self.iso_calls += 1
        return ["GRML"]


def session(tmp_path, now: list[float]) -> tuple[Session, FakeClient, list[object]]:
    client = FakeClient()
    s = Session(
        client,  # type: ignore[arg-type]
        account="prod",
        audit=AuditLog(tmp_path / "actions.jsonl"),
        clock=Clock(monotonic=lambda: now[0], now=lambda: NOW),
    )
    events: list[object] = []
    s.subscribe(events.append)
    return s, client, events


def test_the_detail_cache_is_typed_ages_and_invalidates_per_kind():
    now = [100.0]
    loaded: list[tuple[str, str]] = []
    cache = DetailCache(lambda: now[0], on_loaded=lambda vps, kind: loaded.append((vps, kind)))
    cache.put("1", DETAILS, "details of 1")  # type: ignore[arg-type]
    cache.put("1", IPS, ["ip"])  # type: ignore[list-item]
    now[0] = 130.0
    assert cache.get("1", DETAILS) == "details of 1" and cache.age("1", DETAILS) == 30.0
    assert cache.get("1", SNAPSHOTS) is None and cache.get("2", DETAILS) is None
    cache.invalidate("1", IPS)
    assert cache.get("1", IPS) is None and cache.get("1", DETAILS) == "details of 1"
    cache.invalidate("1")
    assert cache.get("1", DETAILS) is None
    assert loaded == [("1", "details"), ("1", "ips")]


def test_the_detail_cache_keeps_the_most_recently_loaded_vpses_only():
    cache = DetailCache(lambda: 0.0, max_vps=2)
    for vps_id in ("1", "2", "1", "3"):
        cache.put(vps_id, DETAILS, vps_id)  # type: ignore[arg-type]
    assert [cache.get(v, DETAILS) for v in ("1", "2", "3")] == ["1", None, "3"]


async def test_traffic_is_cached_for_its_ttl_and_the_oldest_entries_are_evicted(tmp_path):
    now = [0.0]
    s, client, _ = session(tmp_path, now)
    await s.traffic("1", 30)
    await s.traffic("1", 30)
    assert len(client.traffic_calls) == 1
    now[0] = TRAFFIC_TTL
    await s.traffic("1", 30)
    assert len(client.traffic_calls) == 2
    for n in range(TRAFFIC_KEPT):
        await s.traffic(f"other-{n}", 7)
    calls = len(client.traffic_calls)
    await s.traffic("1", 30)  # evicted by the newer ones: read again
    assert len(client.traffic_calls) == calls + 1


async def test_the_iso_catalogue_is_read_once_per_session(tmp_path):
    s, client, _ = session(tmp_path, [0.0])
    assert await s.isos() == ["GRML"] and await s.isos() == ["GRML"]
    assert client.iso_calls == 1


def test_read_only_is_entered_once_reaches_the_client_and_is_told(tmp_path):
    s, client, events = session(tmp_path, [0.0])
    s.enter_read_only("HTTP 403")
    s.enter_read_only("again")
    assert s.read_only and client.read_only
    assert events == [ReadOnlyEntered(account="prod", at=NOW, reason="HTTP 403")]


def test_every_event_names_its_account(tmp_path):
    s, _, events = session(tmp_path, [0.0])
    s.set_fleet({})
    s.details.put("7", DETAILS, "d")  # type: ignore[arg-type]
    assert events == [
        FleetChanged(account="prod", at=NOW, count=0),
        DetailLoaded(account="prod", at=NOW, vps_id="7", kind="details"),
    ]


def test_a_change_of_api_health_is_told_once_with_old_and_new(tmp_path):
    now = [100.0]
    s, _, events = session(tmp_path, now)
    s.health.refresh_succeeded()
    assert s.health_status() == "ok" and events == []
    s.health.refresh_failed()
    assert s.health_status() == "errors"
    assert s.health_status() == "errors"  # no change: nothing more told
    now[0] += s.refresh_interval * 3 + 1
    assert s.health_status() == "stale"
    s.health.refresh_succeeded()
    s.health_status()
    assert [(e.old, e.new) for e in events if isinstance(e, HealthChanged)] == [
        ("ok", "errors"),
        ("errors", "stale"),
        ("stale", "ok"),
    ]
    assert all(e.account == "prod" and e.at == NOW for e in events)


def test_api_health_changes_are_told_as_they_happen_with_no_one_polling(tmp_path):
    """A headless front end subscribes and hears each change of health at the request, retry or
    refresh outcome that caused it; nobody calls ``health_status``."""
    now = [100.0]
    s, client, events = session(tmp_path, now)
    s.health.refresh_succeeded()
    s.health.refresh_failed()  # errors
    client.on_retry(SimpleNamespace(delay=5.0, status=429))  # rate limited
    client.on_request(SimpleNamespace(elapsed=0.1, status=200))  # the retry answered: errors
    s.health.refresh_succeeded()  # ok
    for _ in range(3):
        client.on_request(SimpleNamespace(elapsed=3.0, status=200))  # slow
    assert [(e.old, e.new) for e in events if isinstance(e, HealthChanged)] == [
        ("ok", "errors"),
        ("errors", "rate limited"),
        ("rate limited", "errors"),
        ("errors", "ok"),
        ("ok", "slow"),
    ]
