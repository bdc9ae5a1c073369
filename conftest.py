# Shared fixtures live in ostoja/testing/fixtures.py so that every app's tests can use them;
# ostoja/audit/testing.py lets transactional tests empty the append-only audit tables.
pytest_plugins = ["ostoja.testing.fixtures", "ostoja.audit.testing"]
