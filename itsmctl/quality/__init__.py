"""The quality records by command: internal audits and management reviews."""
