"""The house's rules as plain Python: no Qt, no database."""
