"""The one place that defines the dataset's version (read by pyproject, datapackage.json and the loader)."""

__version__ = "0.2.0"
# Release timestamp written to datapackage.json `created`: fixed per release so that builds are byte-identical.
RELEASED = "2026-11-25T00:00:00Z"
