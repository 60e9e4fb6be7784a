"""Creating and editing record files that are not tickets (quality records, releases)."""
