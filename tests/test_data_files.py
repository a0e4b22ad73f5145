"""The domain-knowledge tables in vndiplo/data/ and the place matcher built from them."""
from __future__ import annotations

import re
import unicodedata
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vndiplo.data.gazetteer import gazetteer, name_key, split_list, table

DATA = resources.files("vndiplo.data")
TABLES = sorted(p.name[:-4] for p in DATA.iterdir() if p.name.endswith(".tsv"))

# The key that identifies a row of each table.
KEYS = {
    "countries": ("code",),
    "subdivisions": ("code",),
    "organisations": ("code",),
    "cities": ("name_vi", "country"),
    "titles": ("title_vi",),
    "persons": ("name", "country"),
    "cues": ("group", "phrase"),
}
TITLE_CATEGORIES = {"state", "government", "minister", "deputy_minister", "party", "legislature", "judiciary",
                    "royal", "diplomat", "military", "local", "international_org", "other"}
CUE_GROUPS = {"country_cue", "country_joiner", "city_cue", "name_before", "not_place"}


def places(text: str) -> list[tuple[str, str, str, str | None]]:
    return [(m.text, m.kind, m.code, m.country) for m in gazetteer().find_places(text)]


def codes(text: str, kind: str | None = None) -> list[str]:
    return [m.code for m in gazetteer().find_places(text) if kind is None or m.kind == kind]


# ---------------------------------------------------------------- file format

def test_the_expected_tables_exist():
    assert set(KEYS) <= set(TABLES)


@pytest.mark.parametrize("name", TABLES)
def test_table_has_description_header_and_regular_rows(name):
    raw = DATA.joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in raw.splitlines() if ln.strip()]
    assert lines[0].startswith("# "), f"{name}.tsv must open with a '#' description line"
    body = [ln for ln in lines if not ln.startswith("#")]
    width = body[0].count("\t")
    bad = [ln for ln in body if ln.count("\t") != width]
    assert not bad, f"{name}.tsv rows with a wrong number of columns: {bad[:3]}"
    assert raw == unicodedata.normalize("NFC", raw), f"{name}.tsv is not NFC"
    rows = table(name)
    assert rows, f"{name}.tsv has no rows"
    assert all(v == v.strip() for r in rows for v in r.values())


@pytest.mark.parametrize("name", sorted(KEYS))
def test_no_duplicate_keys(name):
    seen: dict[tuple, int] = {}
    for r in table(name):
        key = tuple(r[k] for k in KEYS[name])
        seen[key] = seen.get(key, 0) + 1
    assert not [k for k, n in seen.items() if n > 1]


def test_no_duplicate_aliases_within_a_row():
    for name in ("countries", "subdivisions", "cities", "organisations", "persons"):
        for r in table(name):
            names = [r.get("name_vi") or r.get("name"), *split_list(r.get("aliases"))]
            keys = [name_key(n) for n in names]
            assert len(keys) == len(set(keys)), f"{name}: repeated alias in {names}"


def test_old_style_tone_marks_are_not_used_in_names():
    # New-style placement (hòa, thỏa, Ủy); the matcher folds old style in texts, not in the tables.
    for name in ("countries", "subdivisions", "cities", "organisations", "titles", "cues", "persons"):
        for r in table(name):
            for v in r.values():
                for word in re.findall(r"\w+", v):
                    assert word == name_key(word) or not word.isalpha(), f"{name}: old-style tone in {word!r}"


# ---------------------------------------------------------------- codes

def test_countries_cover_iso_3166_1():
    rows = table("countries")
    current = [r for r in rows if not r["status"]]
    assert len(current) == 249
    assert all(re.fullmatch(r"[A-Z]{2}", r["code"]) for r in rows)
    assert {r["status"] for r in rows} <= {"", "historical"}
    assert all(r["name_vi"] and r["name_en"] for r in rows)
    # a sample from every continent and a few territories
    assert {"VN", "LA", "KH", "CN", "US", "RU", "FR", "BR", "ZA", "AU", "TL", "PS", "VA", "TW", "HK", "AQ"} <= {
        r["code"] for r in current}


def test_subdivision_codes_belong_to_listed_countries():
    countries = {r["code"] for r in table("countries")}
    for r in table("subdivisions"):
        assert re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", r["code"]), r["code"]
        assert r["code"][:2] == r["country"], r["code"]
        assert r["country"] in countries


def test_viet_nam_has_its_63_old_and_34_new_units():
    vn = [r for r in table("subdivisions") if r["country"] == "VN"]
    assert len(vn) == 63
    codes_ = {r["code"] for r in vn}
    survivors = [r for r in vn if not r["merged_into"]]
    assert len(survivors) == 34
    for r in vn:
        if r["merged_into"]:
            assert r["merged_into"] in codes_ and r["merged_into"] != r["code"]
            target = next(x for x in vn if x["code"] == r["merged_into"])
            assert not target["merged_into"], f"{r['code']} merges into a unit that merged itself"
    assert all(r["merged_into"] == "" for r in table("subdivisions") if r["country"] != "VN")


def test_china_and_laos_subdivisions_are_complete():
    sub = table("subdivisions")
    assert len([r for r in sub if r["country"] == "CN"]) == 31  # 22 provinces, 5 regions, 4 municipalities
    assert len([r for r in sub if r["country"] == "LA"]) == 18
    assert len([r for r in sub if r["country"] == "KH"]) == 25
    assert len([r for r in sub if r["country"] == "JP"]) == 47
    assert len([r for r in sub if r["code"].startswith("US-")]) == 51


def test_cities_have_known_countries_and_one_capital_each():
    countries = {r["code"] for r in table("countries")}
    capitals: dict[str, list[str]] = {}
    for r in table("cities"):
        assert r["country"] in countries, r
        assert r["capital"] in {"0", "1"}, r
        if r["capital"] == "1":
            capitals.setdefault(r["country"], []).append(r["name_vi"])
    assert not {c: n for c, n in capitals.items() if len(n) > 1}
    assert len(capitals) >= 190


def test_organisation_codes_and_members():
    countries = {r["code"] for r in table("countries")}
    for r in table("organisations"):
        assert re.fullmatch(r"ORG:[A-Z0-9+]+", r["code"]), r["code"]
        members = split_list(r["members"], " ")
        assert set(members) <= countries, (r["code"], set(members) - countries)
        assert len(members) == len(set(members)), r["code"]
    g = gazetteer()
    assert len(g.members("ORG:ASEAN")) == 11
    assert g.members("ORG:MLC") == ["CN", "KH", "LA", "MM", "TH", "VN"]
    assert g.members("ORG:CLV") == ["KH", "LA", "VN"]
    assert len(g.members("ORG:EU")) == 27
    assert g.members("ORG:G7") == ["CA", "DE", "FR", "GB", "IT", "JP", "US"]
    assert len(g.members("ORG:NATO")) == 32
    assert len(g.members("ORG:APEC")) == 21
    assert g.members("ORG:UN") == []  # open-ended: no list


def test_titles_and_persons_and_cues_use_known_values():
    assert {r["category"] for r in table("titles")} <= TITLE_CATEGORIES
    assert {r["group"] for r in table("cues")} <= CUE_GROUPS
    owners = {r["code"] for r in table("countries")} | {r["code"] for r in table("organisations")}
    bad = [r["name"] for r in table("persons") if r["country"] not in owners]
    assert not bad
    assert len(table("persons")) >= 300
    titles = {r["title_vi"] for r in table("titles")}
    assert {"Tổng Bí thư", "Chủ tịch nước", "Thủ tướng", "Bộ trưởng Bộ Ngoại giao", "Quyền Bộ trưởng",
            "Đại sứ đặc mệnh toàn quyền", "Bí thư Tỉnh ủy", "Thị trưởng"} <= titles


# ---------------------------------------------------------------- names

def test_names_shared_by_two_codes_are_only_cities_named_like_their_province():
    # Documented policy (SOURCES.md): a municipality or capital region named like its city is read as the city.
    for key, kept, dropped in gazetteer().conflicts:
        assert (kept[0], dropped[0]) == ("city", "subdivision"), (key, kept, dropped)
        assert kept[2] == dropped[2], (key, kept, dropped)


def test_weak_aliases_are_not_strong_names():
    g = gazetteer()
    assert g._weak and not set(g._weak) & set(g._strong)


def _cue(kind: str) -> str:
    return {"country": "nước", "subdivision": "tại", "city": "tại", "org": "tổ chức"}[kind]


@pytest.mark.parametrize("name,kind,code_col", [
    ("countries", "country", "code"), ("subdivisions", "subdivision", "code"),
    ("organisations", "org", "code"), ("cities", "city", "name_vi"),
])
def test_every_name_and_alias_is_found_as_itself(name, kind, code_col):
    """Each listed name, put in a sentence, is read back as its own row (no alias is shadowed)."""
    g = gazetteer()
    shadowed_by_city = {k for k, kept, dropped in g.conflicts}
    misses = []
    for r in table(name):
        names = [r["name_vi"], *split_list(r.get("aliases")), *split_list(r.get("weak_aliases"))]
        for n in names:
            if kind == "subdivision" and name_key(n) in shadowed_by_city:
                continue
            found = [(m.kind, m.code, m.text) for m in g.find_places(f"Đây là {_cue(kind)} {n} .")]
            if (kind, r[code_col], n) not in [(k, c, t) for k, c, t in found]:
                misses.append((n, r[code_col], found))
    assert not misses, misses[:10]


def test_vietnamese_provinces_and_cities_never_read_as_countries():
    names = [n for r in table("subdivisions") if r["country"] == "VN"
             for n in [r["name_vi"], *split_list(r["aliases"])]]
    names += [n for r in table("cities") if r["country"] == "VN" for n in [r["name_vi"], *split_list(r["aliases"])]]
    for n in names:
        for sentence in (f"{n} và Lào ký kết", f"Đoàn công tác {n} thăm", f"Tại {n}, hai bên"):
            found = gazetteer().find_places(sentence)
            assert all(m.country == "VN" for m in found if m.kind != "country" or m.text != "Lào"), (sentence, found)
            assert not [m for m in found if m.kind == "country" and m.code != "LA"], (sentence, found)


# ---------------------------------------------------------------- find_places behaviour

def test_lao_cai_is_a_vietnamese_province_not_laos():
    assert places("cửa khẩu quốc tế Lào Cai (Việt Nam)") == [
        ("Lào Cai", "subdivision", "VN-02", "VN"), ("Việt Nam", "country", "VN", "VN")]
    assert codes("Lào Cai và Lào") == ["VN-02", "LA"]


def test_lowercase_words_are_not_names():
    assert places("Bản tin được cập nhật lúc 9 giờ, anh em trong nước") == []
    assert codes("cập nhật tình hình Nhật Bản") == ["JP"]


def test_weak_country_names_need_a_cue_or_a_neighbour():
    assert codes("quan hệ Việt - Anh phát triển") == ["VN", "GB"]
    assert codes("Đại sứ Anh tại Việt Nam") == ["GB", "VN"]
    assert codes("Mỹ, Anh và Ý ra tuyên bố") == ["US", "GB", "IT"]
    assert codes("anh Nguyễn Văn Anh cho biết") == []
    assert codes("Anh Tuấn cho biết") == []
    assert codes("Việt-Trung, Việt - Nhật") == ["VN", "CN", "VN", "JP"]
    assert codes("Trung tâm Hội nghị Quốc gia") == []
    assert codes("Ý kiến của Bộ Ngoại giao") == []


def test_personal_names_are_not_countries():
    assert codes("bà Phạm Thị Nga, ông Trần Đức và Nguyễn Thị Mỹ Hạnh") == []
    assert codes("Ông Đức phát biểu") == []
    assert codes("Thủ tướng Nga và Tổng thống Mỹ") == ["RU", "US"]


def test_phrases_that_contain_a_country_name_are_not_that_country():
    assert codes("Pháp luật Việt Nam quy định") == ["VN"]
    assert codes("khu vực châu Á - Thái Bình Dương và Ấn Độ Dương") == []
    assert codes("Đức Giáo hoàng Leo XIV tiếp") == []
    assert codes("các nước Mỹ Latinh và Bắc Mỹ") == []
    assert codes("hòa bình trên bán đảo Triều Tiên") == []


def test_capital_cities():
    assert places("tại Thủ đô Viêng Chăn, Lào") == [
        ("Thủ đô Viêng Chăn", "city", "Viêng Chăn", "LA"), ("Lào", "country", "LA", "LA")]
    assert codes("Vientiane, Phnom Penh và Băng Cốc", "city") == ["Viêng Chăn", "Phnôm Pênh", "Băng Cốc"]
    assert [m.country for m in gazetteer().find_places("từ Mát-xcơ-va đến Oa-sinh-tơn và Luân Đôn")] == [
        "RU", "US", "GB"]
    assert codes("làm việc tại Viên", "city") == ["Viên"]
    assert codes("Viên chức ngoại giao") == []


def test_organisations_and_dashed_names():
    for text in ("Hợp tác Mekong-Lan Thương", "Hợp tác Mekong - Lan Thương", "hợp tác Mekong – Lan Thương"):
        found = gazetteer().find_places(text)
        assert [(m.kind, m.code) for m in found] == [("org", "ORG:MLC")], text
        assert len(gazetteer().members(found[0].code)) == 6
    assert codes("Hội đồng Bảo an Liên hợp quốc và ASEAN") == ["ORG:UNSC", "ORG:ASEAN"]
    assert codes("Bà Rịa-Vũng Tàu, Bà Rịa - Vũng Tàu") == ["VN-43", "VN-43"]


def test_chinese_provinces_and_old_style_tones():
    assert places("Khu tự trị dân tộc Choang Quảng Tây") == [
        ("Khu tự trị dân tộc Choang Quảng Tây", "subdivision", "CN-GX", "CN")]
    assert codes("Vân Nam, Quảng Tây, Quảng Đông và Hải Nam") == ["CN-YN", "CN-GX", "CN-GD", "CN-HI"]
    # old-style tone placement in the text ("Hoà", "Khánh Hoà") is read like the new style
    text = "Cộng hoà Liên bang Đức và tỉnh Khánh Hoà"
    assert places(text) == [("Cộng hoà Liên bang Đức", "country", "DE", "DE"),
                            ("tỉnh Khánh Hoà", "subdivision", "VN-34", "VN")]


def test_offsets_point_into_the_original_text():
    text = "Ngày 8/7, tại Kuala Lumpur (Malaysia), Bộ trưởng Ngoại giao Nhật Bản gặp Bộ trưởng Ngoại giao Anh."
    for m in gazetteer().find_places(text):
        assert text[m.start:m.end] == m.text
    assert codes(text) == ["Kuala Lumpur", "MY", "JP", "GB"]


def test_names_do_not_run_across_lines():
    assert codes("Việt\nNam") == ["VN"]


def test_lookup_and_country_name():
    g = gazetteer()
    assert g.lookup("Hoa Kỳ") == ("country", "US", "US")
    assert g.lookup("hoa ky") == ("country", "US", "US")
    assert g.lookup("Germany") == ("country", "DE", "DE")
    assert g.lookup("jp") == ("country", "JP", "JP")
    assert g.lookup("Yunnan") == ("subdivision", "CN-YN", "CN")
    assert g.lookup("Ngân hàng Thế giới") == ("org", "ORG:WB", None)
    assert g.lookup("Pháp luật") is None
    assert g.country_name("KR") == "Hàn Quốc"
    assert g.country_name("CN-YN") == "Vân Nam"
    assert g.country_name("ORG:ASEAN") == "Hiệp hội các quốc gia Đông Nam Á"


def test_long_names_match_whatever_their_capitalisation():
    assert codes("Hội đồng Bảo an Liên Hợp Quốc họp") == ["ORG:UNSC"]
    assert codes("nước Cộng hòa dân chủ nhân dân Lào") == ["LA"]
    assert codes("Ngân hàng Phát triển Châu Á") == ["ORG:ADB"]
    # short names stay case-sensitive
    assert codes("hoa kỳ, mỹ, nga") == []


def test_brotherly_countries_are_countries():
    assert codes("hai nước anh em Việt Nam - Lào") == ["VN", "LA"]
    assert codes("phía Đông Hà Nội") == ["Hà Nội"]


def test_apostrophes_are_one():
    assert codes("Côte d’Ivoire và Côte d'Ivoire") == ["CI", "CI"]


def test_vietnamese_places_named_like_chinese_cities():
    assert codes("thác Bản Giốc, huyện Trùng Khánh, tỉnh Cao Bằng") == ["VN-04"]
    assert codes("đoàn công tác thành phố Trùng Khánh, Trung Quốc") == ["Trùng Khánh", "CN"]


def test_a_weak_name_followed_by_a_name_is_a_person_unless_after_a_title():
    assert codes("làm việc với Anh Tuấn và Hoa Kỳ") == ["US"]
    assert codes("Lào, Anh Tuấn cho biết") == ["LA"]
    assert codes("Thủ tướng Anh Keir Starmer") == ["GB"]
    assert codes("hợp tác với Anh trong lĩnh vực") == ["GB"]


_PIECES = ["Việt Nam", "Lào", "Lào Cai", "Mekong", "Lan Thương", "Anh", "Nhật", "Hoà", "Cộng hoà", "Liên Hợp Quốc",
           "nước", "tại", "Thủ đô", "Viêng Chăn", "Nguyễn Văn", "cập nhật", "Ủy ban", "Côte d’Ivoire", "x", "1",
           " ", "  ", "\u00a0", "-", " - ", " – ", "—", "\n", "\u2028", "\t", ",", "(", ")", "'", "’"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_mentions_always_point_into_the_text(pieces):
    text = unicodedata.normalize("NFC", "".join(pieces))
    g = gazetteer()
    found = g.find_places(text)
    assert found == sorted(found, key=lambda m: m.start)
    reach = 0
    for m in found:
        assert text[m.start:m.end] == m.text and m.start >= reach
        reach = m.end
        assert "\n" not in m.text


def test_people_of_a_country_and_sunday():
    assert codes("người Nhật và người Anh") == ["JP", "GB"]
    assert codes("người Thái ở Sơn La") == ["VN-05"]
    assert codes("Chủ Nhật, 12/1, đoàn Việt Nam") == ["VN"]
