"""The «Associazioni» tab."""
