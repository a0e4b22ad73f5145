"""The package's public surface and its basic contracts."""
import vndiplo
from vndiplo.records import FACT_TYPES, Anniversary, Event, Location, Participant, from_record
from vndiplo.text import fold_diacritics, fold_tones, nfc


def test_public_api_is_complete():
    assert sorted(vndiplo.__all__) == vndiplo.__all__ or set(vndiplo.__all__) == {
        n for n in vndiplo.__all__ if hasattr(vndiplo, n)}
    for name in vndiplo.__all__:
        assert hasattr(vndiplo, name), name


def test_records_round_trip():
    e = Event(kind="talks", date="2025-06-02", participants=[Participant("A B", "LA", "x")],
              location=Location("Hà Nội", "VN"), occasion=None, evidence="e", span=(1, 5))
    rec = e.to_record("d")
    assert rec["type"] == "event" and rec["doc"] == "d" and "span" not in rec
    assert from_record(rec).payload() == e.payload()
    a = Anniversary(name="Quốc khánh", years=80, start="1945-09-02", date="2025-09-02", parties=["VN"])
    assert a.to_record("d")["start"] == "1945-09-02"
    assert set(FACT_TYPES) == {"event", "person", "figure", "anniversary", "mechanism", "relation"}


def test_folds_keep_length_and_offsets():
    for s in ["Hoà bình, Thoả thuận, Uỷ ban", "Đà Nẵng, Việt Nam, quả, quý", "ngoại giao"]:
        s = nfc(s)
        assert len(fold_tones(s)) == len(s)
        assert len(fold_diacritics(s)) == len(s)
    assert fold_tones(nfc("Thoả thuận hoà bình Uỷ ban")) == nfc("Thỏa thuận hòa bình Ủy ban")
    assert fold_diacritics(nfc("Đà Nẵng")) == "Da Nang"


def test_store_migrates_and_holds_a_document(store):
    from vndiplo.store.models import DocumentRow

    with store.session() as s:
        s.add(DocumentRow(doc_id="x", source="x.txt", text="Hà Nội", raw_text="Hà Nội", content_hash="h"))
    with store.session() as s:
        assert s.query(DocumentRow).one().text == "Hà Nội"
