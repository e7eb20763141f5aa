"""A local Hub-compatible server for demos, tests and rehearsals (see server.py)."""
