"""Fit a Gaussian mixture to every frame of a multi-page TIFF, as the bioimaging pipeline this
project grew from does, without repeating pixels: each pixel above a threshold is one point (its
row and column) weighted by its intensity, and each frame starts from the previous frame's fit
(warm start). Writes one JSON line per frame: the frame, the iterations, the lower bound, and
the weights, means and covariances.

    python fit_frames.py movie.tif -k 12 --out frames.jsonl
    python fit_frames.py --demo movie.tif -k 12 --out frames.jsonl   # writes a synthetic movie first
    python fit_frames.py movie.tif -k 12 --compare-sklearn           # also times scikit-learn

`--compare-sklearn` also runs the original pipeline's loop: scikit-learn's GaussianMixture with
warm start on the same pixels, each repeated once per grey level (integer intensities), and
prints both loops' times. Needs numpy, tifffile and this package (`pip install ./python`).
"""

import argparse
import json
import sys
import time
import warnings

import numpy as np

import gmm


def frame_points(frame, threshold):
    """The coordinates (row, column) of the pixels above `threshold`, and their intensities."""
    rows, cols = np.nonzero(frame > threshold)
    points = np.column_stack([rows, cols]).astype(np.float64)
    return points, frame[rows, cols].astype(np.float64)


def demo_movie(path, frames=20, side=256, blobs=12, seed=0):
    """A synthetic movie: `blobs` elongated, rotated spots drifting across dark frames, 8-bit."""
    import tifffile

    rng = np.random.default_rng(seed)
    centres = rng.uniform(40, side - 40, size=(blobs, 2))
    velocity = rng.normal(0, 1.5, size=(blobs, 2))
    axes = rng.uniform(4, 10, size=(blobs, 2))
    angles = rng.uniform(0, np.pi, size=blobs)
    yy, xx = np.mgrid[0:side, 0:side].astype(np.float64)
    movie = np.empty((frames, side, side), dtype=np.uint8)
    for t in range(frames):
        image = rng.normal(8, 3, size=(side, side))
        for c, a, angle in zip(centres + t * velocity, axes, angles):
            cos, sin = np.cos(angle), np.sin(angle)
            u = (yy - c[0]) * cos + (xx - c[1]) * sin
            v = -(yy - c[0]) * sin + (xx - c[1]) * cos
            image += 200 * np.exp(-0.5 * ((u / a[0]) ** 2 + (v / a[1]) ** 2))
        movie[t] = np.clip(image, 0, 255)
    tifffile.imwrite(path, movie, photometric="minisblack")


def fit_frames(movie, k, threshold, out, seed=0):
    """The weighted, warm-started fits of every frame; one JSON line each into `out`."""
    model = gmm.GaussianMixture(k, warm_start=True, random_state=seed, max_iter=200)
    for index, frame in enumerate(movie):
        points, intensity = frame_points(frame, threshold)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a frame that needs more iterations is recorded
            model.fit(points, sample_weight=intensity)
        record = {
            "frame": index,
            "n_points": len(points),
            "total_intensity": float(intensity.sum()),
            "n_iter": model.n_iter_,
            "converged": bool(model.converged_),
            "lower_bound": model.lower_bound_,
            "weights": model.weights_.tolist(),
            "means": model.means_.tolist(),
            "covariances": model.covariances_.tolist(),
        }
        out.write(json.dumps(record) + "\n")
    return model


def sklearn_repeated_pixels(movie, k, threshold, seed=0):
    """The original loop: scikit-learn, warm start, every pixel repeated once per grey level."""
    from sklearn.mixture import GaussianMixture

    model = GaussianMixture(k, warm_start=True, random_state=seed, max_iter=200)
    for frame in movie:
        points, intensity = frame_points(frame, threshold)
        repeated = np.repeat(points, intensity.astype(np.int64), axis=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.fit(repeated)
    return model


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tiff", help="a multi-page TIFF (one frame per page)")
    parser.add_argument("-k", "--components", type=int, default=12)
    parser.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="pixels above it are points (default: each movie's 90th percentile)",
    )
    parser.add_argument("--out", default="-", help="JSON lines file (default: stdout)")
    parser.add_argument("--demo", action="store_true", help="write a synthetic movie to TIFF first")
    parser.add_argument("--demo-frames", type=int, default=20, help="frames of the demo movie")
    parser.add_argument("--compare-sklearn", action="store_true")
    args = parser.parse_args(argv)

    import tifffile

    if args.demo:
        demo_movie(args.tiff, frames=args.demo_frames)
    movie = tifffile.imread(args.tiff)
    if movie.ndim == 2:
        movie = movie[None]
    if movie.ndim != 3:
        parser.error(f"{args.tiff}: expected frames of 2-D grey images, got shape {movie.shape}")
    threshold = args.threshold
    if threshold is None:
        threshold = float(np.percentile(movie, 90))
    out = sys.stdout if args.out == "-" else open(args.out, "w")
    try:
        start, cpu = time.perf_counter(), time.process_time()
        fit_frames(movie, args.components, threshold, out)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        if out is not sys.stdout:
            out.close()
    print(
        f"gmm: {len(movie)} frames in {seconds:.3f} s, {cpu:.3f} s of CPU (weighted pixels, "
        "warm start)",
        file=sys.stderr,
    )
    if args.compare_sklearn:
        start, reference_cpu = time.perf_counter(), time.process_time()
        sklearn_repeated_pixels(movie, args.components, threshold)
        reference = time.perf_counter() - start
        reference_cpu = time.process_time() - reference_cpu
        print(
            f"scikit-learn: {len(movie)} frames in {reference:.3f} s, {reference_cpu:.3f} s of "
            f"CPU (repeated pixels, warm start); gmm {reference / seconds:.0f}x faster "
            f"({reference_cpu / cpu:.0f}x in CPU time)",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
