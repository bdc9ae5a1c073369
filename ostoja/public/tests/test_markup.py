from ostoja.public.markup import plain, render


def test_paragraphs_lists_and_headings():
    html = render("First line\nsame paragraph\n\n- one\n- two\n\n## Head\nText after")
    assert html == (
        "<p>First line<br>same paragraph</p>\n<ul><li>one</li><li>two</li></ul>\n"
        "<h3>Head</h3>\n<p>Text after</p>"
    )


def test_html_from_the_database_is_never_run():
    html = render('<script>alert(1)</script>\n\n- <img src="https://evil.example/x">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html


def test_heading_level_and_plain_text():
    assert render("## Hi", heading_level=2) == "<h2>Hi</h2>"
    assert plain("## Title\n- item") == "Title item"


def test_list_after_paragraph_in_one_block():
    assert render("Intro:\n- a\n- b") == "<p>Intro:</p>\n<ul><li>a</li><li>b</li></ul>"
