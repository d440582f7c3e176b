from memory.segmentation import SegmentAnalyzer, Segmenter


def test_splits_sentences_and_paragraphs():
    text = "Switch off the machine. Wait 5 minutes!\n\nOpen the cover, e.g. with a screwdriver. Done?"
    assert Segmenter("en").split(text) == [
        "Switch off the machine.",
        "Wait 5 minutes!",
        "Open the cover, e.g. with a screwdriver.",
        "Done?",
    ]


def test_german_abbreviations_do_not_end_a_sentence():
    text = "Verwenden Sie z.B. Schutzhandschuhe. Danach das Gerät reinigen."
    assert Segmenter("de").split(text) == ["Verwenden Sie z.B. Schutzhandschuhe.", "Danach das Gerät reinigen."]


def test_markup_is_masked_for_hashing_but_kept_as_placeholders():
    analyzer = SegmentAnalyzer("en")
    bold = analyzer.analyze("Click <b>Save</b> to continue.")
    italic = analyzer.analyze("Click <i>Save</i> to continue.")
    assert bold.source_hash == italic.source_hash
    assert bold.placeholders == ("<b>", "</b>")
    assert bold.tokens == ("click", "save", "to", "continue")
    assert bold.word_count == 4


def test_hash_depends_on_language_and_text():
    assert SegmentAnalyzer("en").analyze("Pump").source_hash != SegmentAnalyzer("nl").analyze("Pump").source_hash
    assert SegmentAnalyzer("en").analyze("Pump 1").source_hash != SegmentAnalyzer("en").analyze("Pump 2").source_hash
    assert SegmentAnalyzer("en").analyze("Stop  the pump.").source_hash == SegmentAnalyzer("en").analyze("stop the pump.").source_hash
