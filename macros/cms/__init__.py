"""The plan's editor in the browser: Sveltia CMS at ``/admin/`` of the site.

``config.py`` turns the catalog into the CMS's configuration; ``admin.py``
gives the files of ``/admin/`` (the page, its configuration, the CMS and its
French strings, served from the site itself). ``sveltia/`` holds the CMS as
published on npm (the version pinned in package.json), with its licence.
"""
