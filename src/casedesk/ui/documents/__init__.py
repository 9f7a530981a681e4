"""The «Documenti» tab."""
