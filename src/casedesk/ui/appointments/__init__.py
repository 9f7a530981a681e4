"""The «Appuntamenti» tab."""
