

def test_a_bracketed_credit_ending_the_title_goes_with_its_brackets():
    from vndiplo.read.clean import _TITLE_CREDIT
    t = "Đại sứ Vũ Văn An, Trưởng SOM ASEAN Việt Nam. (Nguồn: TTXVN)"
    assert _TITLE_CREDIT.sub("", t) == "Đại sứ Vũ Văn An, Trưởng SOM ASEAN Việt Nam"
