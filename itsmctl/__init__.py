"""itsmctl: IT service management as code — YAML records in git, checked and reported."""

__version__ = "0.1.0"
