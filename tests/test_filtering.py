"""The list filter (issue 11, item 18): bare words match what the user sees or expects, not
hidden text; a match through a field the list does not show says so; unknown keys are reported."""

from __future__ import annotations

from lswtui.core.filtering import compile_filter
from lswtui.core.fleet import FleetRow


def _row(**kw: object) -> FleetRow:
    fields: dict[str, object] = {
        "vps_id": "126855092",
        "state": "RUNNING",
        "reference": "db-primary",
        "main_ip": "198.51.100.37",
        "main_ip_null_routed": False,
        "region": "eu-west-3",
        "datacenter": "AMS-01",
        "pack": "Leaseweb VPS 6",
        "image": "Ubuntu 20.04 LTS (x86_64)",
        "image_id": "UBUNTU_20_04_64BIT",
        "all_ips": ("198.51.100.37", "2001:db8:101:d::1", "10.32.0.4"),
    }
    fields.update(kw)
    return FleetRow(**fields)  # type: ignore[arg-type]


WEB = _row(reference="mail", image="Debian 12", all_ips=("198.51.100.37", "2001:db8::1"))


def test_a_bare_word_does_not_match_hidden_text():
    assert not compile_filter("web")(WEB)  # the pack is "Leaseweb VPS 6"
    assert not compile_filter("db")(WEB)  # 2001:db8::1
    assert not compile_filter("leaseweb")(WEB)


def test_a_bare_word_matches_what_the_user_sees_or_expects():
    row = _row()
    for word in ("1268", "db-pri", "198.51", "2001:db8", "10.32", "AMS", "eu-west", "running"):
        assert compile_filter(word)(row), word
    assert compile_filter("ubuntu")(row)
    assert compile_filter("6")(row)  # the pack number
    assert not compile_filter("7")(_row(vps_id="1"))


def test_a_key_still_narrows_to_its_field():
    row = _row()
    assert compile_filter("ip:db8")(row)
    assert compile_filter("pack:leaseweb")(row)
    assert not compile_filter("ref:ams")(row)


def test_an_ipv6_address_is_a_word_not_a_key():
    assert compile_filter("2001:db8:101")(_row())
    assert compile_filter("2001:db8:101").unknown_keys == ()


def test_an_unknown_key_is_reported_and_does_not_empty_the_list():
    found = compile_filter("foo:bar running")
    assert found.unknown_keys == ("foo",)
    assert found(_row())


def test_a_match_through_a_hidden_field_is_named():
    row = _row()
    shown = frozenset({"state", "id", "reference", "main_ip"})
    assert compile_filter("ip:10.").hidden_match(row, shown) == "IP 10.32.0.4"
    assert compile_filter("ams").hidden_match(row, shown) == "datacenter AMS-01"
    assert compile_filter("ams").hidden_match(row, shown | {"region"}) is None
    assert compile_filter("198.51").hidden_match(row, shown) is None  # the main IP is shown
    assert compile_filter("!stopped").hidden_match(row, shown) is None


def test_account_narrows_to_the_rows_of_one_account_by_its_key_only():
    """Issue 14: ``account:NAME``; a bare word never matches every row of an account."""
    prod, staging = _row(account="prod"), _row(account="staging")
    assert [compile_filter("account:stag")(r) for r in (prod, staging)] == [False, True]
    assert [compile_filter("!account:prod")(r) for r in (prod, staging)] == [False, True]
    assert not compile_filter("staging")(staging)
    assert compile_filter("account:staging").unknown_keys == ()
    assert compile_filter("account:staging").hidden_match(staging, {"id"}) == "account staging"
    assert compile_filter("account:staging").hidden_match(staging, {"account"}) is None


def test_watch_keeps_the_watched_vpses_and_bang_watch_the_others():
    rows = [FleetRow(i, "RUNNING", "", "", False, "", "", "", "", "", ()) for i in ("1", "2", "3")]
    ids = {"2"}
    watched = lambda row: row.vps_id in ids  # noqa: E731
    assert [r.vps_id for r in rows if compile_filter("watch:", watched=watched)(r)] == ["2"]
    assert [r.vps_id for r in rows if compile_filter("!watch:", watched=watched)(r)] == ["1", "3"]
    query = compile_filter("watch:", watched=watched)
    ids.add("3")  # a live list: a toggle counts without compiling again
    assert [r.vps_id for r in rows if query(r)] == ["2", "3"] and not query.unknown_keys


# -- the fast path against the definition ---------------------------------------------------

from dataclasses import replace  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TEXT = st.text(alphabet="aAbB01.:- xX6\x00éΣİ", max_size=8)
QUERY_WORD = st.one_of(
    TEXT.filter(lambda w: w.strip() and " " not in w),
    st.tuples(st.sampled_from(["ip", "state", "ref", "pack", "dc", "account"]), TEXT).map(
        lambda kv: f"{kv[0]}:{kv[1].replace(' ', '')}"
    ),
)


def by_definition(query: str, row: FleetRow) -> bool:
    """What the filter means: every word matches (``hits``) or, negated, does not."""
    found = compile_filter(query)
    return all(bool(list(term.hits(row))) != term.negate for term in found.terms)


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.tuples(st.booleans(), QUERY_WORD), min_size=1, max_size=3),
    reference=TEXT,
    region=TEXT,
    pack=TEXT,
    ips=st.lists(TEXT, max_size=3),
    account=TEXT,
)
def test_the_fast_match_agrees_with_the_definition(words, reference, region, pack, ips, account):
    """A keystroke tests each row's haystack (values lower-cased and joined once); it must say
    what the field-by-field definition says, for any text, separator and case."""
    row = _row(reference=reference, region=region, pack=pack, all_ips=tuple(ips), account=account)
    query = " ".join(("!" if negate else "") + word for negate, word in words)
    assert compile_filter(query)(row) == by_definition(query, row)


def test_a_changed_row_is_searched_as_it_is_now():
    """The haystack is kept per VPS while its row is the same object; a refresh's new row for
    the same VPS is searched afresh."""
    found = compile_filter("mail")
    old = _row(reference="mail")
    assert found(old)
    assert not found(replace(old, reference="web"))
    assert found(old)


def test_opening_the_filter_prepares_the_rows_so_the_first_keystroke_builds_nothing(monkeypatch):
    """``/`` prepares every row's haystack (at 10,000 rows the first keystroke took ~100 ms
    when it built them); typing then only tests them."""
    from lswtui.core import filtering

    rows = [_row(vps_id=str(n), reference=f"web-{n}") for n in range(50)]
    filtering.prepare(rows)
    built = []
    original = filtering._Haystack.of
    monkeypatch.setattr(
        filtering._Haystack, "of", classmethod(lambda cls, row: built.append(row) or original(row))
    )
    found = compile_filter("web-4")
    assert [r.vps_id for r in rows if found(r)] == ["4", *(str(n) for n in range(40, 50))]
    assert built == []
