import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "gmm" / "tests" / "fixtures"


def fixture_files(kind="gmm-sklearn"):
    """The shared scikit-learn fixtures of one kind (gmm/tests/fixtures/README.md)."""
    files = sorted((FIXTURES / kind).glob("*.json"))
    assert files, f"no fixtures in {FIXTURES / kind}"
    return files


@pytest.fixture(scope="session")
def load_fixture():
    cache = {}

    def load(path):
        if path not in cache:
            cache[path] = json.loads(Path(path).read_text())
        return cache[path]

    return load
