"""The site: Jinja templates fed with complete views (``render``, ``site``),
links between pages (``links``), cells (``cells``), the plan's pages for
citizens (``plan_pages``), the example boxes of the guide (``example``),
and the escaping of every value from data (``safe``)."""
