"""Near-duplicate signatures: the same values as the datasketch MinHash earlier versions stored, so a
store made then still finds duplicates now; LSH finds near copies and only them."""
from __future__ import annotations

import hashlib

from vndiplo.store.dedup import MinHash, NearDuplicateIndex, shingles, signature

TEXT = "Bộ trưởng Ngoại giao Bùi Thanh Sơn hội đàm với Bộ trưởng Ngoại giao Lào tại Viêng Chăn ngày 8/7/2025."


def test_signature_values_are_those_stored_by_earlier_versions():
    # computed with datasketch 2.0: MinHash(num_perm=128, seed=1, scheme="affine32").update_batch(shingles)
    sig = signature(TEXT)
    assert list(sig.hashvalues[:4]) == [59782577, 33365434, 85848240, 68230756]
    assert hashlib.sha256(sig.to_bytes()).hexdigest() == (
        "12b81977992eb831bc98249ed40aeaaa3444bed7b14eb23a1f4e236fa8f0b52b")
    assert MinHash.from_bytes(sig.to_bytes()).hashvalues == sig.hashvalues


def test_jaccard_estimate_follows_the_shingle_overlap():
    a = " ".join(f"từ{i}" for i in range(300))
    b = " ".join(f"từ{i}" for i in range(60, 360))  # 3-gram Jaccard 238/362 ≈ 0.66
    truth = len(shingles(a) & shingles(b)) / len(shingles(a) | shingles(b))
    assert abs(signature(a).jaccard(signature(b)) - truth) < 0.12
    assert signature(a).jaccard(signature(a)) == 1.0
    assert signature("").jaccard(signature(a)) == 0.0


def test_index_finds_the_near_copy_and_forgets_a_removed_one():
    base = " ".join(f"câu {i} về hợp tác Việt Nam Lào" for i in range(80))
    near = base + " Tin bổ sung về lễ ký kết."
    other = " ".join(f"đoạn {i} về thương mại Nhật Bản" for i in range(80))
    idx = NearDuplicateIndex()
    idx.add(1, signature(base))
    idx.add(2, signature(other))
    match = idx.best_match(signature(near))
    assert match is not None and match[0] == 1 and match[1] > 0.8
    assert idx.best_match(signature(near), exclude=1) is None
    idx.remove(1)
    assert idx.best_match(signature(near)) is None and idx.candidates(signature(near)) == set()
