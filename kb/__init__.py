"""The built-in knowledge base (data only: entry folders, causes.toml, verification.json)."""
