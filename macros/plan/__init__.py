"""What a plan is: its grids and columns (``catalog``), the kinds of values
they hold (``kinds``), the rules between them, the French words and numbers
it is written with (``french``), and what can be computed from it (``index``,
``followup``, ``progress``). Pure Python: no file is read or written here,
and no markup is produced.
"""
