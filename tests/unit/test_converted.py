"""A page's Markdown converted once while it is served (``macros/pages/converted.py``):
the same page as a new conversion makes, and every problem said again."""

from __future__ import annotations

import logging

import pytest
from mkdocs.config import load_config
from mkdocs.structure import pages
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.pages.converted import ConvertedPages

INDEX = "# Accueil\n\nVoir [la suite](autre.md#ancre).\n\n## Plus bas { #plus-bas }\n"
OTHER = "# Autre\n\n## Ancre { #ancre }\n"


def _config(tmp_path, extensions=("attr_list", "toc")):
    (tmp_path / "docs").mkdir(exist_ok=True)
    lines = ["site_name: Essai", "markdown_extensions:"]
    lines += [f"  - {name}" for name in extensions]
    lines += ["validation:", "  links:", "    anchors: warn"]
    (tmp_path / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_config(config_file=str(tmp_path / "mkdocs.yml"))


class Build:
    """One build of two pages, as MkDocs makes its objects anew each build."""

    def __init__(self, config, kept: ConvertedPages, sources: dict, served=True):
        self.config = config
        kept.start_build(keep=served)
        self.files = Files([File(name, config["docs_dir"], config["site_dir"],
                                 config["use_directory_urls"]) for name in sources])
        self.pages = {}
        for name, source in sources.items():
            page = Page(None, self.files.get_file_from_path(name), config)
            page.markdown = source
            kept.convert_once(page)
            page.render(config, self.files)
            self.pages[name] = page

    def check_anchors(self):
        for page in self.pages.values():
            page.validate_anchor_links(files=self.files, log_level=logging.WARNING)


@pytest.fixture
def conversions(monkeypatch):
    """How many times Python-Markdown really converts a page (MkDocs also makes
    one Markdown while it reads the configuration: counted from ``clear()``)."""
    made = []
    real = pages.markdown.Markdown

    def counted(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pages.markdown, "Markdown", counted)
    return made


def _seen(page) -> tuple:
    return (page.content, [(i.title, i.url, [(c.title, c.url) for c in i.children])
                           for i in page.toc], page.title, page.present_anchor_ids)


def test_an_unchanged_page_is_the_same_without_being_converted_again(tmp_path, conversions):
    config, kept = _config(tmp_path), ConvertedPages()
    conversions.clear()
    first = Build(config, kept, {"index.md": INDEX, "autre.md": OTHER})
    again = Build(config, kept, {"index.md": INDEX, "autre.md": OTHER})
    assert len(conversions) == 2
    for name in ("index.md", "autre.md"):
        assert _seen(again.pages[name]) == _seen(first.pages[name])
    assert again.pages["index.md"].title == "Accueil"


def test_a_changed_page_is_converted_again(tmp_path, conversions):
    config, kept = _config(tmp_path), ConvertedPages()
    conversions.clear()
    Build(config, kept, {"index.md": INDEX, "autre.md": OTHER})
    again = Build(config, kept, {"index.md": INDEX, "autre.md": OTHER + "\nEncore.\n"})
    assert len(conversions) == 3
    assert "<p>Encore.</p>" in again.pages["autre.md"].content


def test_a_link_to_an_anchor_gone_since_is_still_reported(tmp_path, caplog):
    """The unchanged page's links are checked against this build's pages."""
    config, kept = _config(tmp_path), ConvertedPages()
    Build(config, kept, {"index.md": INDEX, "autre.md": OTHER}).check_anchors()
    assert "ancre" not in caplog.text
    changed = Build(config, kept, {"index.md": INDEX, "autre.md": "# Autre\n\nPlus d'ancre.\n"})
    changed.check_anchors()
    assert "does not contain an anchor '#ancre'" in caplog.text


def test_a_broken_link_is_reported_at_every_build(tmp_path, caplog):
    config, kept = _config(tmp_path), ConvertedPages()
    broken = {"index.md": "# Accueil\n\nVoir [rien](absent.md).\n", "autre.md": OTHER}
    for build in range(2):
        caplog.clear()
        Build(config, kept, broken)
        assert "absent.md" in caplog.text


def test_an_extension_that_may_read_other_files_turns_it_off(tmp_path, conversions):
    config = _config(tmp_path, ("attr_list", "toc", "abbr"))
    kept = ConvertedPages()
    conversions.clear()
    for build in range(2):
        Build(config, kept, {"index.md": INDEX, "autre.md": OTHER})
    assert len(conversions) == 4


def test_a_build_that_is_not_served_converts_every_page(tmp_path, conversions):
    config, kept = _config(tmp_path), ConvertedPages()
    conversions.clear()
    for build in range(2):
        Build(config, kept, {"index.md": INDEX, "autre.md": OTHER}, served=False)
    assert len(conversions) == 4
