"""MI and entropies from tables of counts: the same numbers as from the samples.

The counts entry point (``infotheory.counts``) shares its counting and plug-in sums with
``mutual_information`` (``infotheory._counting``), so its results must equal the in-memory
calls; the tolerance 1e-12 nats is far above the round-off of sums of at most a few
thousand terms of size <= log n (about 1e-14), and far below any difference that matters.
"""

import math

import numpy as np
import pandas as pd
import pytest
import scipy.sparse

import infotheory as it
from infotheory import (
    conditional_entropy,
    conditional_entropy_from_counts,
    contingency_table,
    entropy,
    entropy_from_counts,
    mutual_information,
    mutual_information_from_counts,
)

TOL = 1e-12
CORRECTIONS = [None, "miller-madow", "shrinkage"]


def labelled_pairs(seed, n=3000):
    """Dependent labels of three kinds: small ints, strings, and rounded floats."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 12, n)
    y = np.where(rng.random(n) < 0.6, x % 5, rng.integers(0, 9, n))
    return [
        (x, y),
        (np.char.add("c", x.astype(str)), y * 10**12),
        (np.round(rng.standard_normal(n), 1), y),  # ~70 float levels: labels, no warning
    ]


def triplets(x, y, seed=0):
    """The (x, y, count) of each occupied pair, shuffled, one pair split in two, a zero."""
    rng = np.random.default_rng(seed)
    pairs = pd.DataFrame({"x": x, "y": y}).groupby(["x", "y"]).size()
    xs = pairs.index.get_level_values("x").to_numpy()
    ys = pairs.index.get_level_values("y").to_numpy()
    counts = pairs.to_numpy()
    order = rng.permutation(counts.size)
    xs, ys, counts = xs[order], ys[order], counts[order].copy()
    # the first pair's count in two entries, and an entry of count 0: both must not matter
    split = counts[0] // 2
    counts[0] -= split
    xs = np.concatenate([xs, xs[:1], xs[1:2]])
    ys = np.concatenate([ys, ys[:1], ys[1:2]])
    counts = np.concatenate([counts, [split, 0]])
    return xs, ys, counts


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("correction", CORRECTIONS)
def test_every_form_equals_the_in_memory_call(seed, correction):
    for x, y in labelled_pairs(seed):
        expected = mutual_information(x, y, correction=correction)
        table = contingency_table(x, y)[0]
        xs, ys, counts = triplets(x, y, seed)
        forms = {
            "dense": mutual_information_from_counts(table, correction=correction),
            "dense floats": mutual_information_from_counts(
                table.astype(float), correction=correction
            ),
            "coo": mutual_information_from_counts(
                scipy.sparse.coo_array(table), correction=correction
            ),
            "csr matrix": mutual_information_from_counts(
                scipy.sparse.csr_matrix(table), correction=correction
            ),
            "triplets": mutual_information_from_counts(
                counts, x=xs, y=ys, correction=correction
            ),
        }
        for form, value in forms.items():
            assert value == pytest.approx(expected, abs=TOL), form
        # The dense table goes through the very same sums: to the last bit.
        assert forms["dense"] == expected


@pytest.mark.parametrize("seed", range(4))
def test_entropies_equal_the_in_memory_values(seed):
    for x, y in labelled_pairs(seed):
        table = contingency_table(x, y)[0]
        xs, ys, counts = triplets(x, y, seed)
        h_x = mutual_information(x, x)  # H(X) of labels, the in-memory way
        assert entropy_from_counts(table.sum(axis=1)) == pytest.approx(h_x, abs=TOL)
        assert entropy_from_counts(counts, labels=xs) == pytest.approx(h_x, abs=TOL)
        h_xy = h_x + conditional_entropy(y, x)
        assert entropy_from_counts(table) == pytest.approx(h_xy, abs=TOL)
        assert entropy_from_counts(scipy.sparse.coo_array(table)) == pytest.approx(h_xy, abs=TOL)
        assert entropy_from_counts(table) == pytest.approx(entropy(table.ravel()), abs=TOL)
        for form in (table, scipy.sparse.csr_array(table)):
            assert conditional_entropy_from_counts(form) == pytest.approx(
                conditional_entropy(x, y), abs=TOL
            )
        assert conditional_entropy_from_counts(counts, x=xs, y=ys, base=2) == pytest.approx(
            conditional_entropy(x, y, base=2), abs=TOL
        )
        # Miller-Madow: (m - 1) / (2n) with m the occupied cells
        m, n = np.count_nonzero(table), x.size
        assert entropy_from_counts(table, correction="miller-madow") == pytest.approx(
            h_xy + (m - 1) / (2 * n), abs=TOL
        )


@pytest.mark.parametrize("n_chunks", [1, 2, 7, 50])
def test_counts_accumulated_over_chunks_give_the_same_mi(n_chunks):
    # Counts add: a dense table summed chunk by chunk (labels known to be 0 .. k - 1), and
    # the triplets of each chunk concatenated (labels of any kind, found as they come).
    rng = np.random.default_rng(n_chunks)
    n, k = 20_000, 8
    x = rng.integers(0, k, n)
    y = (x + rng.integers(0, 3, n)) % k
    names = np.array(list("abcdefgh"))[y]  # string labels for the triplet route
    table = np.zeros((k, k), dtype=np.int64)
    parts = []
    for cx, cy in zip(np.array_split(x, n_chunks), np.array_split(names, n_chunks), strict=True):
        table += np.bincount(cx * k + np.searchsorted(np.unique(names), cy),
                             minlength=k * k).reshape(k, k)
        pairs, counts = np.unique(np.stack([cx.astype(str), cy]), axis=1, return_counts=True)
        parts.append((pairs[0], pairs[1], counts))
    expected = mutual_information(x, names)
    assert mutual_information_from_counts(table) == pytest.approx(expected, abs=TOL)
    xs, ys, cs = (np.concatenate(p) for p in zip(*parts, strict=True))
    assert mutual_information_from_counts(cs, x=xs, y=ys) == pytest.approx(expected, abs=TOL)
    assert table.sum() == n


def test_dask_group_by_sizes_on_the_local_scheduler():
    # The page's Dask route, run: a data frame split into partitions, grouped by the pair
    # (x, y) on Dask's local threaded scheduler; the sizes are the triplets.  dask is a
    # test-only dependency (requirements.txt); the library never imports it.
    import dask.dataframe as dd  # here, not at the top: it takes a second to import

    rng = np.random.default_rng(7)
    n = 50_000
    x = rng.integers(0, 30, n)
    y = np.where(rng.random(n) < 0.3, x % 7, rng.integers(0, 7, n))
    colour = np.array(["red", "green", "blue", "cyan", "gold", "grey", "pink"])[y]
    frame = dd.from_pandas(pd.DataFrame({"x": x, "y": colour}), npartitions=8)
    sizes = frame.groupby(["x", "y"]).size().compute(scheduler="threads")
    mi = mutual_information_from_counts(
        sizes.to_numpy(),
        x=sizes.index.get_level_values("x"),
        y=sizes.index.get_level_values("y"),
    )
    assert frame.npartitions == 8
    assert mi == pytest.approx(mutual_information(x, colour), abs=1e-12)
    for correction in ("miller-madow", "shrinkage"):
        assert mutual_information_from_counts(
            sizes.to_numpy(),
            x=sizes.index.get_level_values("x"),
            y=sizes.index.get_level_values("y"),
            correction=correction,
        ) == pytest.approx(mutual_information(x, colour, correction=correction), abs=1e-12)


def test_a_joint_distribution_gives_its_mi():
    # Weights need not be integers for the plug-in value: a joint probability table works,
    # and scaling the counts changes nothing.  The umbrella table of the book's first page.
    joint = np.array([[0.4, 0.1], [0.1, 0.4]])
    expected = sum(
        p * math.log(p / 0.25) for p in joint.ravel()
    )  # both margins are (0.5, 0.5)
    assert mutual_information_from_counts(joint) == pytest.approx(expected, abs=1e-15)
    assert mutual_information_from_counts(joint * 1000) == pytest.approx(expected, abs=1e-15)
    assert entropy_from_counts([0.25, 0.75], base=2) == pytest.approx(
        entropy([0.25, 0.75], base=2), abs=1e-15
    )


def test_counts_beyond_int64_products():
    # A table counted from data beyond memory: n = 4e12 samples.  The margin products
    # a_i b_j (up to 1.6e25) overflow int64 and are taken in float64; the MI of a table
    # depends only on its proportions, so it equals the MI of the table scaled down.
    small = np.array([[5, 1, 0], [1, 4, 1], [0, 2, 3]])
    big = small * 2 * 10**11
    assert mutual_information_from_counts(big) == pytest.approx(
        mutual_information_from_counts(small), abs=1e-13
    )
    assert mutual_information_from_counts(big, correction="miller-madow") == pytest.approx(
        mutual_information_from_counts(small) + (3 + 3 - 7 - 1) / (2 * big.sum()), abs=1e-13
    )


def test_empty_rows_and_columns_are_not_labels():
    # A dense table with room for labels no sample has (zero rows and columns) counts the
    # same samples: Miller-Madow's number of labels and the shrinkage target are those of
    # the occupied rows and columns, as for the samples.
    x, y = labelled_pairs(0)[0]
    table = contingency_table(x, y)[0]
    padded = np.zeros((table.shape[0] + 2, table.shape[1] + 3), dtype=np.int64)
    padded[1:-1, 2:-1] = table
    for correction in CORRECTIONS:
        assert mutual_information_from_counts(padded, correction=correction) == (
            mutual_information(x, y, correction=correction)
        )


def test_a_single_cell_and_the_base():
    assert mutual_information_from_counts([[7]]) == 0.0
    assert conditional_entropy_from_counts([[7]]) == 0.0
    assert entropy_from_counts([0, 7, 0]) == 0.0
    assert mutual_information_from_counts([[1, 0], [0, 1]], base=2) == 1.0
    assert entropy_from_counts([1, 1, 1, 1], base=2) == 2.0


BAD_COUNTS = [
    ([[1, -1], [0, 2]], "counts must be non-negative"),
    ([[1.5, 0], [0, 2]], None),  # a weight: fine for the plug-in value, refused when corrected
    ([[np.nan, 1], [0, 2]], r"counts must be finite \(no NaN or inf\)"),
    ([[np.inf, 1], [0, 2]], r"counts must be finite \(no NaN or inf\)"),
    (np.zeros((0, 0)), "counts must not be empty"),
    ([[0, 0], [0, 0]], "counts must not be all zero"),
    (scipy.sparse.coo_array((2, 2), dtype=np.int64), "counts must not be all zero"),
    ([[True, False], [False, True]], "counts must hold counts .numbers., not bools"),
    ([["1", "2"], ["3", "4"]], r"counts must hold counts \(non-negative numbers\)"),
    ([[1 + 1j, 0], [0, 1]], r"counts must hold counts \(non-negative numbers\)"),
    (np.ones((2, 2, 2)), r"counts must be 2-D \(rows x, columns y\), got shape \(2, 2, 2\)"),
    ([1, 2, 3], r"counts must be 2-D .* give x= and y= to label the entries"),
    (5, "counts must be an array of counts, got the single number 5"),
    ([[2**62, 2**62], [0, 1]], r"counts must sum to at most 2\*\*62"),
    ([[10**400, 1], [0, 1]], r"counts must sum to at most 2\*\*62"),
    (np.ma.array([[1, 2], [3, 4]], mask=[[1, 0], [0, 0]]), "counts is a masked array"),
    ([[1, 2], [3]], "counts must be a rectangular array"),
]


@pytest.mark.parametrize(("counts", "match"), BAD_COUNTS)
def test_bad_counts_are_refused_by_name(counts, match):
    if match is None:
        mutual_information_from_counts(counts)
        with pytest.raises(ValueError, match=r"counts must hold whole numbers .* got 1\.5"):
            mutual_information_from_counts(counts, correction="miller-madow")
        with pytest.raises(ValueError, match=r"counts must hold whole numbers .* got 1\.5"):
            entropy_from_counts(counts, correction="miller-madow")
        return
    with pytest.raises(ValueError, match=match):
        mutual_information_from_counts(counts)
    with pytest.raises(ValueError, match=match):
        conditional_entropy_from_counts(counts)


def test_bad_labels_of_entries_are_refused_by_name():
    counts = np.array([3, 1, 2])
    with pytest.raises(ValueError, match="x and y label the entries of 1-D counts: give both"):
        mutual_information_from_counts(counts, x=[0, 1, 2])
    with pytest.raises(ValueError, match="x and y must have one label per entry of counts"):
        mutual_information_from_counts(counts, x=[0, 1], y=[0, 1])
    with pytest.raises(ValueError, match=r"counts must be 1-D with x and y, got shape \(2, 2\)"):
        mutual_information_from_counts([[1, 2], [3, 4]], x=[0, 1], y=[0, 1])
    with pytest.raises(ValueError, match="y must not contain NaN"):
        mutual_information_from_counts(counts, x=[0, 1, 2], y=[0, 1, np.nan])
    with pytest.raises(ValueError, match="x must not contain inf or -inf"):
        mutual_information_from_counts(counts, x=[0, 1, np.inf], y=[0, 1, 2])
    with pytest.raises(ValueError, match="leave them out for a table"):
        mutual_information_from_counts(scipy.sparse.coo_array([[1]]), x=[0], y=[0])
    with pytest.raises(ValueError, match="labels must have one label per entry of counts"):
        entropy_from_counts(counts, labels=[0, 1])
    with pytest.raises(ValueError, match=r"counts must be 1-D with labels, got shape \(1, 3\)"):
        entropy_from_counts([[3, 1, 2]], labels=[0, 1, 2])
    with pytest.raises(ValueError, match="correction must be one of None, 'miller-madow', got"):
        entropy_from_counts(counts, correction="shrinkage")  # no shrinkage entropy here


def test_the_counts_functions_are_public_and_documented():
    for name in (
        "mutual_information_from_counts",
        "conditional_entropy_from_counts",
        "entropy_from_counts",
    ):
        assert name in it.__all__
        assert "Examples" in getattr(it, name).__doc__


def test_sparse_entries_of_one_cell_add_up():
    # A COO matrix may store a cell in several entries (as chunks would): they are summed,
    # for the table and for its entropy; a 1-D sparse array is a histogram.
    rows, cols, data = np.array([0, 0, 1, 1]), np.array([1, 1, 0, 1]), np.array([1, 2, 3, 0])
    coo = scipy.sparse.coo_array((data, (rows, cols)), shape=(2, 2))
    dense = np.array([[0, 3], [3, 0]])
    assert mutual_information_from_counts(coo) == mutual_information_from_counts(dense)
    assert entropy_from_counts(coo) == pytest.approx(entropy_from_counts(dense), abs=TOL)
    assert entropy_from_counts(scipy.sparse.coo_array(np.array([3, 0, 1]))) == pytest.approx(
        entropy_from_counts([3, 1]), abs=TOL
    )
