"""The quality records by command: audits, management reviews, supplier evaluations, periodic surveys."""
