"""Segmentation: pages, headers, paragraphs, sentences, footnotes, markers and links.

Small made-up texts pin each rule; the five seed documents pin the counts a reader gets by hand.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fentkg.segment import Segmentation, segment

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
if not SEEDS.is_dir():  # a checkout without shared/ beside it: the copies under data/sources
    SEEDS = Path(__file__).resolve().parents[1] / "data" / "sources"


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def sentences(text: str) -> list[str]:
    seg = segment(text)
    return [text[s.start:s.end] for s in seg.sentences]


def check_invariants(text: str, seg: Segmentation) -> None:
    """Every span slices inside the text; sentences sit in one paragraph; markers sit in the body."""
    n = len(text)
    spans = [*seg.headers, *seg.paragraphs, *seg.sentences, *seg.markers]
    for s in spans:
        assert 0 <= s.start < s.end <= n
    for s in [*seg.paragraphs, *seg.sentences, *seg.headers]:
        chunk = text[s.start:s.end]
        assert chunk == chunk.strip()
    starts = [p.start for p in seg.paragraphs]
    assert starts == sorted(starts)
    for a, b in zip(seg.paragraphs, seg.paragraphs[1:]):
        assert a.end <= b.start
    for s in seg.sentences:
        assert sum(p.start <= s.start and s.end <= p.end for p in seg.paragraphs) == 1
        assert not any(h.start < s.end and s.start < h.end for h in seg.headers)
    for page, nxt in zip(seg.pages, seg.pages[1:]):
        assert page.end == nxt.start and page.number < nxt.number
    if seg.pages:
        assert seg.pages[0].start == 0 and seg.pages[-1].end == n
    numbers = [f.number for f in seg.footnotes]
    assert len(numbers) == len(set(numbers))
    for f in seg.footnotes:
        assert 0 <= f.start <= f.body_start <= f.body_end == f.end <= n
        for part in f.parts:
            assert 0 <= part.start < part.end <= n
        for link in f.links:
            assert 0 <= link.start < link.end <= n
            assert any(r[0] <= link.start and link.end <= r[1] for r in [(f.body_start, f.end)] + [
                (p.start, p.end) for p in f.parts])
            assert "\\" not in link.url and " " not in link.url
    for m in seg.markers:
        assert m.number in set(numbers)
        assert not any(f.start <= m.start < f.end for f in seg.footnotes)


# --- sentences ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. Department of State met Dr. Smith on Jan. 5. It went well.", 2),
        ("They met in Washington, D.C. The talks failed.", 2),
        ("Write to Washington, D.C. 20520 today.", 1),
        ("You may act under 8 U.S.C. § 1189. Mexican cartels weaponize fentanyl.", 2),
        ("Ahmad, F.B., Cisewski, J.A. and J. Blinken met. They talked.", 2),
        ("It cost \\$3.5 billion. Seizures reached 1,570,127 kilograms. Done.", 3),
        ("He said the Jalisco . . . Cartel is responsible. Then he left.", 2),
        ("Nat'l Inst. on Drug Abuse and U.S. Dep't. of State agree.", 1),
        ("See (Sept. 27, 2022), p. 3, pp. 4-5, No. 12 and Dec. 8 reports.", 1),
        ("A vs. B, e.g. this, i.e. that, cf. those.", 1),
        ("Mr. A, Mrs. B, Ms. C, Gen. D, Sen. E and Rep. F met St. Mark.", 1),
        ("Senator Tom Cotton (R-AR) found that (P.L. 115-271) applies.", 1),
        ("Rosen et al. found it. They said so.", 2),
        ("He works at Acme Inc. The firm denies it.", 2),
        ("Example Chemical Co., Ltd. Board members met.", 1),
        ("*Id.* at 16.", 1),
        ("Id. at p. 3; see also Report, p. 6.", 1),
        ("I. Your State Department squandered the momentum.", 1),
        ("III. Conclusion.", 1),
        ('It is "not doing that now." They should act.', 2),
        ("In 2019. China acted.", 2),
        ("Overdoses rose in 2021. 70,000 of those died.", 2),
        ("Is it? Yes! It is.", 3),
        ("Existing rules ([Manual Section 403.11](#)) permit this.", 1),
        ('Report, p. 6 ("Markets make trade easier.") (Feb. 2022), available.', 1),
    ],
)
def test_sentence_rules(text: str, expected: int) -> None:
    assert len(sentences(text)) == expected, sentences(text)


def test_marker_after_period_belongs_to_sentence_before() -> None:
    text = "It serves the United States.¹ You are empowered.\n\n¹ Duties of the Secretary, https://www.state.gov/duties/.\n"
    got = sentences(text)
    assert got[0] == "It serves the United States.¹"
    assert got[1] == "You are empowered."


def test_flattened_marker_closes_its_sentence() -> None:
    text = (
        "Cartels buy precursors.¹² They come mainly from China. 13 The cartels then smuggle it. 14\n\n"
        "Next they sell it.¹⁵\n\n"
        "¹² A.\n\n¹³ B.\n\n¹⁴ C.\n\n¹⁵ D.\n"
    )
    seg = segment(text)
    got = [text[s.start:s.end] for s in seg.sentences]
    assert "They come mainly from China. 13" in got
    assert "The cartels then smuggle it. 14" in got
    assert [m.number for m in seg.markers] == [12, 13, 14, 15]


def test_list_items_are_sentences() -> None:
    text = (
        "The initiative included four pillars:\n- 1. Combating crime;\n- 2. Building communities.\n\n"
        "1. What actions has the U.S. taken?\n2. During your visit, what progress was made?\n"
        "  - a. What incentives were needed?\n"
    )
    got = sentences(text)
    assert got == [
        "The initiative included four pillars:",
        "- 1. Combating crime;",
        "- 2. Building communities.",
        "1. What actions has the U.S. taken?",
        "2. During your visit, what progress was made?",
        "- a. What incentives were needed?",
    ]


def test_address_block_and_hard_breaks_split_lines() -> None:
    text = "The Honorable Antony J. Blinken\nSecretary\nU.S. Department of State\n\nSusie Lee  \nMember of Congress\n"
    assert sentences(text) == [
        "The Honorable Antony J. Blinken", "Secretary", "U.S. Department of State", "Susie Lee", "Member of Congress",
    ]


def test_wrapped_prose_is_not_split_at_lines() -> None:
    text = "William J. Perry Center for Hemispheric Defense Studies\nat the National Defense University\n"
    assert len(sentences(text)) == 1


# --- pages, headers, paragraphs ------------------------------------------------------------

PAGED = (
    "Dear Secretary:\n\nFirst page text. It runs on\n\n¹ A note, https://example.gov/a.\n\n"
    "Secretary Example March 1, 2024 Page **2** of **3**\n\nand ends here.²\n\n² Id.\n\n"
    "Secretary Example March 1, 2024 Page 3 of 3\n\nLast page.\n"
)


def test_pages_start_at_running_headers() -> None:
    seg = segment(PAGED)
    check_invariants(PAGED, seg)
    assert [p.number for p in seg.pages] == [1, 2, 3]
    assert seg.pages[0].start == 0
    assert [PAGED[h.start:h.end] for h in seg.headers] == [
        "Secretary Example March 1, 2024 Page **2** of **3**",
        "Secretary Example March 1, 2024 Page 3 of 3",
    ]
    assert seg.pages[1].start == seg.headers[0].start
    assert [(f.number, f.page) for f in seg.footnotes] == [(1, 1), (2, 2)]
    assert all("Page" not in PAGED[s.start:s.end] for s in seg.sentences)


def test_text_without_page_marks_has_no_pages() -> None:
    seg = segment("One paragraph.\n\nThe table is on Page 5\n\nAnother one.\n")
    assert seg.pages == ()
    assert seg.headers == ()
    assert len(seg.sentences) == 3


def test_paragraphs_are_trimmed_blocks_without_rules() -> None:
    text = "\n\n  First block\nstill first.  \n\n---\n\n \nSecond block.\n\n\n"
    seg = segment(text)
    assert [text[p.start:p.end] for p in seg.paragraphs] == ["First block\nstill first.", "Second block."]


# --- footnotes --------------------------------------------------------------------------------

STYLES = (
    "Body one.¹ Body two.² Body three.<sup>3</sup> Body four.$^{4}$ Body five.^{5} End\n\n"
    "¹ Plain note, https://example.gov/one.\n\n"
    "²Glued note text.\n\n"
    "<sup>3</sup> <https://example.gov/three>\n\n"
    " $^{^{4}}$ Id.\n\n"
    "$^{5}$ See supra note 1.\n"
)


def test_every_note_style() -> None:
    seg = segment(STYLES)
    check_invariants(STYLES, seg)
    assert [f.number for f in seg.footnotes] == [1, 2, 3, 4, 5]
    bodies = [STYLES[f.body_start:f.body_end] for f in seg.footnotes]
    assert bodies == ["Plain note, https://example.gov/one.", "Glued note text.", "<https://example.gov/three>",
                      "Id.", "See supra note 1."]
    assert [STYLES[m.start:m.end] for m in seg.markers] == ["¹", "²", "<sup>3</sup>", "$^{4}$", "^{5}"]
    assert [link.url for f in seg.footnotes for link in f.links] == [
        "https://example.gov/one", "https://example.gov/three"]


def test_lost_numbers_are_restored_from_the_sequence() -> None:
    text = (
        "A.¹¹ B.¹² C.¹³ D.¹⁴ E.¹⁵ F.¹⁶ G.¹⁷\n\n"
        "¹¹ Report, https://example.gov/r.pdf.\n\nId.\n\n¹³ Other report.\n\n"
        "I4 *Id.* at 16.\n\n15 Supra note 11.\n\n¹⁶ Last. ¹⁷ Id.\n"
    )
    seg = segment(text)
    check_invariants(text, seg)
    assert [f.number for f in seg.footnotes] == [11, 12, 13, 14, 15, 16, 17]
    by_number = {f.number: text[f.start:f.end] for f in seg.footnotes}
    assert by_number[12] == "Id."  # no number left: the gap between 11 and 13
    assert by_number[14] == "I4 *Id.* at 16."  # OCR read "14" as "I4"
    assert by_number[15] == "15 Supra note 11."  # superscript flattened to plain digits
    assert by_number[17] == "¹⁷ Id."


def test_note_on_one_line_after_another() -> None:
    text = "A.¹ B.²\n\n¹ Stevenson, AP News, https://apnews.com/a. ² Id.\n"
    seg = segment(text)
    assert [(f.number, text[f.body_start:f.body_end]) for f in seg.footnotes] == [
        (1, "Stevenson, AP News, https://apnews.com/a."), (2, "Id.")]
    assert len(seg.paragraphs) == 3


def test_note_cut_by_a_page_break_keeps_its_rest() -> None:
    text = (
        "Body.¹\n\n¹ Agren, USA Today (May 9, 2018),\n\n"
        "Writer Page 2 of 2\n\nMore body.²\n\n"
        "https://www.usatoday.com/story/2018/05/03/amnesty/570533002/.\n\n² Id.\n"
    )
    seg = segment(text)
    check_invariants(text, seg)
    first = seg.footnotes[0]
    assert first.number == 1 and len(first.parts) == 1
    assert text[first.parts[0].start:first.parts[0].end].startswith("https://www.usatoday.com")
    assert first.links[0].url == "https://www.usatoday.com/story/2018/05/03/amnesty/570533002/"
    assert [m.number for m in seg.markers] == [1, 2]


def test_markdown_notes_after_a_rule() -> None:
    text = (
        "Deaths rose.<sup>1</sup> Pills too.<sup>2</sup>\n\n---\n\n"
        "<sup>1</sup> [https://ex.gov/a\\\\_b.pdf](https://ex.gov/a_b.pdf)\n\n<sup>2</sup>\n\n"
        "[https://ex.gov/c\\\\_d.pdf](https://ex.gov/c_d.pdf)\n\nThe letter goes on.\n"
    )
    seg = segment(text)
    check_invariants(text, seg)
    assert [link.url for f in seg.footnotes for link in f.links] == ["https://ex.gov/a_b.pdf", "https://ex.gov/c_d.pdf"]
    assert "The letter goes on." in [text[s.start:s.end] for s in seg.sentences]
    assert seg.footnotes[1].end < text.index("The letter")


def test_body_links_are_not_footnote_links() -> None:
    text = "President Biden [spoke](#) with Mexico. See https://example.gov/body.\n"
    seg = segment(text)
    assert seg.footnotes == () and seg.markers == ()


@pytest.mark.parametrize(
    "note, url",
    [
        ("¹ Fentanyl Flow, available athttps://www.dea.gov/f/2020%20Flow.pdf (noting).",
         "https://www.dea.gov/f/2020%20Flow.pdf"),
        ("¹ Report, https://www.x.gov/files/Illicit_Fentanyl_from_China-An Evolving Global Operation.pdf.",
         "https://www.x.gov/files/Illicit_Fentanyl_from_China-An_Evolving_Global_Operation.pdf"),
        ("¹ Mail, https://www.x.gov/doc/Crisis%20-\n\n^{%20}Exploiting%20Mail1.pdf.",
         "https://www.x.gov/doc/Crisis%20-%20Exploiting%20Mail1.pdf"),
        ("¹ Flow, https://www.dea.gov/files/DIR-008-\n\n $^{20\\% 20} Fent anyl\\% 20 Flow_0.pdf.$",
         "https://www.dea.gov/files/DIR-008-20%20Fentanyl%20Flow_0.pdf"),
        ("¹ Yale, https://ycsg.yale.edu/files/rethinking-war-on-drugs(1).pdf (\"quote\").",
         "https://ycsg.yale.edu/files/rethinking-war-on-drugs(1).pdf"),
        ("¹ Angle <https://a.gov/x#:~:text=a%20b.>", "https://a.gov/x#:~:text=a%20b."),
    ],
)
def test_links_are_repaired(note: str, url: str) -> None:
    text = "Body.¹\n\n" + note + "\n"
    seg = segment(text)
    assert [link.url for link in seg.footnotes[0].links] == [url]


# --- the seeds --------------------------------------------------------------------------------

SEED_NOTES = {"000": 60, "001": 7, "002": 31, "003": 0, "004": 4}


@pytest.mark.parametrize("prefix, count", sorted(SEED_NOTES.items()))
def test_seed_footnotes_and_markers(prefix: str, count: int) -> None:
    text = seed_text(prefix)
    seg = segment(text)
    check_invariants(text, seg)
    assert [f.number for f in seg.footnotes] == list(range(1, count + 1))
    assert {m.number for m in seg.markers} <= {f.number for f in seg.footnotes}
    # Every note is referenced from the body in every seed; no reference is genuinely absent.
    assert sorted({m.number for m in seg.markers}) == list(range(1, count + 1))


def test_seed_000_pages_and_note_forms() -> None:
    text = seed_text("000")
    seg = segment(text)
    assert len(seg.pages) == 10 and len(seg.headers) == 9
    notes = {f.number: f for f in seg.footnotes}
    assert notes[39].page == 7
    assert text[notes[14].start:notes[14].start + 2] == "I4"  # OCR'd "14"
    assert text[notes[11].start:notes[11].end] == "$^{^{11}}$ Id."
    assert text[notes[20].start:notes[20].end] == "Supra note 9."  # number lost in extraction
    assert text[notes[58].start:].startswith("Letter from Virginia")
    markers = {m.number: text[m.start:m.end] for m in seg.markers}
    assert markers[13] == "13" and markers[14] == "14"  # superscripts flattened by the PDF
    assert markers[19].startswith("$^{19}")
    assert len(seg.markers) == 60  # each note is marked exactly once in the body


def test_seed_000_repaired_urls() -> None:
    seg = segment(seed_text("000"))
    urls = {f.number: [link.url for link in f.links] for f in seg.footnotes}
    assert urls[7][0].startswith("https://www.dea.gov/sites/default/files/2020-03/DEA_GOV_DIR-008-20")
    assert urls[9] == ["https://www.dea.gov/sites/default/files/2020-03/"
                       "DEA_GOV_DIR-008-20%20Fentanyl%20Flow%20in%20the%20United%20States_0.pdf"]
    assert urls[8][0].endswith("Crisis%20-%20Exploiting%20Vulnerabilities%20in%20International%20Mail1.pdf")
    assert urls[27][0].startswith("https://apnews.com/article/us-china-relations-blinken-afb39654e07ff1022bf8a3bf8296c686#:~:")
    assert urls[23][0].endswith("Illicit_Fentanyl_from_China-An_Evolving_Global_Operation.pdf")
    assert urls[48] == ["https://www.usatoday.com/story/news/world/2018/05/03/mexico-candidate-amnesty-drug-dealers/570533002/"]
    assert urls[58][0].startswith("https://www.ag.ky.gov/")


def test_seed_001_and_002_note_forms() -> None:
    text = seed_text("001")
    seg = segment(text)
    assert {m.number: text[m.start:m.end] for m in seg.markers}[3] == "<sup>3</sup>"
    urls = {f.number: [link.url for link in f.links] for f in seg.footnotes}
    assert urls[5] == ["https://www.usitc.gov/publications/332/executive_briefings/ebot_george_serletis_fentanyl_from_china_pdf.pdf"]
    assert all("\\" not in u for us in urls.values() for u in us)
    assert len(urls[7]) == 1  # the URL block after a bare "<sup>7</sup>"
    text = seed_text("002")
    seg = segment(text)
    third = seg.footnotes[2]
    assert [link.url for link in third.links][-1].endswith("RealuyoP-20230323.pdf")  # continued after the page
    assert seg.pages == ()


def test_seed_sentences() -> None:
    text = seed_text("000")
    got = sentences(text)
    assert "The potency of fentanyl cannot be overstated.⁴" in got
    assert "You have the authority to do so under 8 U.S.C. § 1189." in got
    assert any(s.startswith("From 2008 to 2021, Congress appropriated \\$3.5 billion") for s in got)
    assert "I. Your State Department squandered the momentum of the Trump Administration in halting China's supply of fentanyl." in got
    assert not any("Page **" in s for s in got)
    text = seed_text("004")
    assert "Ahmad, F.B., Cisewski, J.A., Rossen, L.M., and Sutton, P. (2023)." in sentences(text)


# --- robustness ------------------------------------------------------------------------------

ALPHABET = st.sampled_from(list("ab A.?!\n \t¹²³⁴⁰$^{}<>[]()#*-_%/:\"”“'1234567890I") + [
    "<sup>", "</sup>", "https://", "Page 2 of 3", "Id.", "Supra note ", "U.S.", ". . .", "$^{^{", "}}$"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=120).map("".join))
def test_segment_never_raises_and_spans_fit(text: str) -> None:
    check_invariants(text, segment(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_segment_on_any_unicode(text: str) -> None:
    check_invariants(text, segment(text))


@pytest.mark.parametrize("kind", ["one_line", "notes"])
def test_large_texts_finish(kind: str) -> None:
    # Linear-time rules: 2 MB stands in for the 10 MB a bench would use (no timing asserted).
    if kind == "one_line":
        text = (seed_text("000").replace("\n", " ") * 80)[:2_000_000]
    else:
        text = "¹ x\n\nhttps://a.b/c-\n\n$^{1}$ y\n\n" * 60_000
    seg = segment(text)
    assert seg.sentences
