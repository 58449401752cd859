"""Title Case headlines are parsed in sentence case, names and acronyms kept."""

from __future__ import annotations

from timelinegraph.extract.truecase import truecase_headlines

BODY = (
    "Actress Lindsay Lohan checked into the Betty Ford Center on Friday, her lawyer said. "
    "Lohan was ordered to rehab by a judge."
)


def test_headline_words_that_are_not_names_lose_their_capital() -> None:
    out = truecase_headlines(f"Lindsay Lohan Checks Into Betty Ford Center\n\n{BODY}")
    assert out.startswith("Lindsay Lohan checks into Betty Ford Center\n")


def test_offsets_and_body_are_unchanged() -> None:
    text = f"Lindsay Lohan Checks Into Rehab, Says Lawyer\n\n{BODY}"
    out = truecase_headlines(text)
    assert len(out) == len(text) and out.lower() == text.lower()
    assert out.endswith(BODY)


def test_acronyms_and_first_word_keep_their_capitals() -> None:
    out = truecase_headlines("Apple Releases iPhone SDK, Announces U.S. Launch Date\n\nIt sold.")
    assert out.startswith("Apple releases iPhone SDK, announces U.S. launch date")


def test_sentence_case_text_is_left_alone() -> None:
    text = "Hamas has pulled out of talks, Egyptian officials said.\nIsrael Said No."
    assert truecase_headlines(text) == text
