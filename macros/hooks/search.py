"""MkDocs hook: Material's search parses only what it indexes (see
``macros/pages/searchable.py``).

Just before Material's search plugin reads a page, the page's content is
replaced by the same HTML without its ``data-search-exclude`` elements; just
after, the whole content comes back, without the ``data-search-…``
attributes, as the plugin would have left it. A page the previous build
indexed as it is now is not parsed again: its entries are those found then
(``searchable.FoundLastBuild``). Nothing changes when the search plugin is
not enabled.
"""

from __future__ import annotations

from mkdocs.plugins import CombinedEvent, event_priority

_WHOLE = "_pnt_whole_content"  # the page's content while search reads the short one


def on_pre_build(config, **kwargs):
    from macros import serving
    from macros.pages.searchable import found_last_build

    found_last_build().start_build(keep=serving.serves())


@event_priority(50)  # before Material's search plugin (0)
def _shorten(context, page, config, nav, **kwargs):
    from macros.pages.searchable import (found_last_build, search_index, search_plugin,
                                         without_excluded)

    plugin = search_plugin(config)
    if page.content and plugin is not None:
        setattr(page, _WHOLE, page.content)
        page.content = without_excluded(page.content)
        index = search_index(plugin)
        if index is not None:
            found_last_build().before_plugin(page, index)
    return context


@event_priority(-50)  # after it
def _restore(context, page, config, nav, **kwargs):
    from macros.pages.searchable import found_last_build, without_search_attributes

    found_last_build().after_plugin(page)
    whole = getattr(page, _WHOLE, None)
    if whole is not None:
        page.content = without_search_attributes(whole)
        delattr(page, _WHOLE)
    return context


on_page_context = CombinedEvent(_shorten, _restore)
