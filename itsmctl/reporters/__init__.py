"""Output formats, chosen from registries by ``--format``."""
