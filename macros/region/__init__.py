"""The regional view (``pnt region``): many territories' published plans in one
static site, from their open data alone (``donnees/``: datapackage.json,
plan.json, a CSV per grid).

``packages`` reads one territory's folder or ZIP (or says in French why it
cannot); ``plans`` turns its plan.json back into typed data; ``summary``
compares the territories (status, needs, projects, shared indicators);
``combined`` joins their CSVs into one open data set; ``site`` writes the
pages and builds them with MkDocs and Material, as the plans' own sites are.
"""
