"""The CMDB worked from the command line: CI verbs with change control, impact analysis,
the relation graph and the verification view (docs/cmdb.md)."""
