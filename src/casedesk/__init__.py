"""CaseDesk: the front-desk program of a Casa delle associazioni e del volontariato."""

__version__ = "0.1.0"
