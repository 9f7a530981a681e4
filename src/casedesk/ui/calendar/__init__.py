"""The «Calendario sale» tab."""
