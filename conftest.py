# Shared fixtures live in ostoja/testing/fixtures.py so that every app's tests can use them.
pytest_plugins = ["ostoja.testing.fixtures"]
