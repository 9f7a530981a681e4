"""Small widgets and helpers shared by the windows and dialogs (not by the domain)."""
