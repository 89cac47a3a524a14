#!/usr/bin/env bash
# Regenerate requirements.lock and requirements-publish.lock (exact versions and sha256 hashes of every package, build backend included)
# from the pins in pyproject.toml. Needs pip-tools (pip install pip-tools). Run from the repository root.
set -euo pipefail
pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
  --extra test --extra plot --extra build --extra distributed --output-file requirements.lock pyproject.toml scripts/build-backend.in
pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
  --output-file requirements-publish.lock requirements-publish.in
