"""The list filter: ``/`` followed by words.

- a plain word matches as a case-insensitive substring of the id, reference, any IP, region,
  datacenter, state, pack or image;
- ``field:value`` narrows to one field (``state:stopped``, ``region:eu-west-3``, ``ip:10.0``,
  ``dc:fra``, ``pack:2``, ``image:ubuntu``, ``ref:web``, ``id:1235``);
- a leading ``!`` inverts a word (``!running``).

All words must match.
"""

from __future__ import annotations

from collections.abc import Callable

from lswtui.core.fleet import FleetRow

FIELDS: dict[str, Callable[[FleetRow], tuple[str, ...]]] = {
    "id": lambda r: (r.vps_id,),
    "ref": lambda r: (r.reference,),
    "reference": lambda r: (r.reference,),
    "ip": lambda r: r.all_ips,
    "state": lambda r: (r.state,),
    "region": lambda r: (r.region,),
    "dc": lambda r: (r.datacenter,),
    "datacenter": lambda r: (r.datacenter,),
    "pack": lambda r: (r.pack,),
    "image": lambda r: (r.image,),
}


def compile_filter(query: str) -> Callable[[FleetRow], bool]:
    terms: list[
        tuple[bool, Callable[[FleetRow], tuple[str, ...]] | None, str]
    ] = []  # None: any field
    for word in query.split():
        negate = word.startswith("!")
        word = word[1:] if negate else word
        field, sep, value = word.partition(":")
        getter = FIELDS.get(field.lower()) if sep else None
        if getter is None:
            value = word
        if value:
            terms.append((negate, getter, value.lower()))

    def matches(row: FleetRow) -> bool:
        for negate, getter, value in terms:
            if getter is None:
                hit = value in row.search_text
            else:
                hit = any(value in text.lower() for text in getter(row))
            if hit == negate:
                return False
        return True

    return matches
