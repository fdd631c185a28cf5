"""What the template writes: the one file writer (``files``), the open data
(``opendata``), the JSON Schemas (``schemas``), the skeleton files of a new
plan (``skeleton``), the printable documents (``document``, ``pdf``) and
what publishing adds to the site (``publish``)."""
