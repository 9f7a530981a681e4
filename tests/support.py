"""Values shared by the tests (importable because pytest's pythonpath includes tests/)."""

COORDINATOR_PASSWORD = "coordinatrice1"
OPERATOR_PASSWORD = "operatore1"
