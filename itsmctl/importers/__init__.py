"""Importing the history a team brings from another tool: ServiceNow event logs, any CSV through a mapping.

Each source turns its rows into ``TicketDraft``s (``draft``): the ticket's fields and its
event log, told through one ``Timeline`` that keeps the log inside the ticket's lifecycle.
``writer.StoreWriter`` turns drafts into record files with ids derived from the source
number (a re-import finds the same file), checks every record with the loader and the
rule book, and writes only what changed.  What could not be mapped is counted per reason
in ``draft.Notes``, each case a finding with its file and line; nothing is dropped silently.
"""
