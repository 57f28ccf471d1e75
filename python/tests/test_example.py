"""python/examples/fit_frames.py on a small synthetic movie."""

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tifffile")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "fit_frames.py"


def load_example():
    spec = importlib.util.spec_from_file_location("fit_frames", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fit_frames_writes_one_weighted_warm_started_fit_per_frame(tmp_path):
    example = load_example()
    movie = tmp_path / "movie.tif"
    example.demo_movie(movie, frames=4, side=128, blobs=4, seed=1)
    out = tmp_path / "frames.jsonl"
    example.main([str(movie), "-k", "4", "--out", str(out)])
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["frame"] for r in records] == [0, 1, 2, 3]
    for r in records:
        assert np.isclose(sum(r["weights"]), 1.0)
        assert np.all((np.array(r["means"]) >= 0) & (np.array(r["means"]) < 128))
        assert np.array(r["covariances"]).shape == (4, 2, 2)
    # warm start: later frames, close to the previous one, need few iterations
    assert records[-1]["n_iter"] < records[0]["n_iter"] or records[-1]["n_iter"] <= 10
