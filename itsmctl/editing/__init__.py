"""Creating and editing record files that are not tickets (CIs, audits, management reviews)."""
