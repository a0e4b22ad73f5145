"""The two records the event reader works with: a side (a person or a nameless delegation) and a
raw interaction read from one sentence, before merging.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from vndiplo.records import Location


@dataclass
class _Actor:
    a: int  # token span of the whole mention (roles and name)
    b: int
    name: str | None
    country: str | None
    role: str | None


@dataclass
class _Raw:
    kind: str
    sent: int
    trig: int
    participants: list[_Actor]
    date: str | None = None
    explicit_date: bool = False
    date_span: tuple[int, int] | None = None  # where the text gives the date (when it does)
    date_basis: str | None = None
    location: Location | None = None
    occasion: str | None = None
    key: tuple = ()
    needs_principal: bool = False
    principal_roles: tuple[str, ...] = ()  # the bare title standing for the principal ("Phó Thủ tướng gặp X")
    visit_of: str | None = None  # noun-form visit by this foreign visitor: an occasion if they meet someone
    anon_country: str | None = None
    same_day: bool = False
    undated: bool = False  # "từng gặp": some earlier, unstated time
    spans_days: bool = False  # told under a time of several days ("Trong thời gian ở Việt Nam, ...")
    inherit: bool = False
    span: tuple[int, int] = (0, 0)
    attendees: list[_Actor] = field(default_factory=list)  # "Cùng dự ... có A, B": not part of the key
    host_country: str | None = None  # the side that receives (the subject of "tiếp", the object of a call)
    both_sides: bool = False  # told of "hai nhà lãnh đạo": its participants are the article's two sides
    sides_borrowed: bool = False  # its sides were filled in from another interaction
    one_side: bool = False  # "Tại buổi tiếp, A ...": the other side is the counterpart the article reported
    refers_back: bool = False  # told as "the" interaction the article reported: of the day it set
    absorbed: bool = False  # a ceremony told again as the signings it was made of
    witnessed_by_both: bool = False  # "Hai Thủ tướng chứng kiến A và B ký ...": the article's two sides witness it
    organised: bool = False  # held by an institution ("Tỉnh X tổ chức hội đàm"): its sides come from attendees
