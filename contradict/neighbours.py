"""Nearest-neighbour search over unit-length embeddings: which stored statements are closest to new ones.

``search(corpus, queries, k)`` is exact (blocked matrix products, memory ``block * len(corpus)`` floats).

Example:
    >>> import numpy as np
    >>> corpus = np.eye(3, dtype=np.float32)
    >>> idx, sims = search(corpus, corpus[:1], k=2, exclude=np.array([0]))
    >>> idx.tolist(), sims.round(2).tolist()
    ([[1, 2]], [[0.0, 0.0]])
"""

from __future__ import annotations

import numpy as np


def search(corpus: np.ndarray, queries: np.ndarray, k: int, *, block: int = 1024,
           exclude: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` most similar corpus rows of each query row, exactly.

    Args:
        corpus: (n, d) unit-length vectors.
        queries: (m, d) unit-length vectors.
        k: neighbours per query (at most ``n``; fewer columns when the corpus is smaller).
        block: query rows per matrix product.
        exclude: per query, one corpus row never returned (its own row when queries are part of the corpus),
            or -1 for none.

    Returns:
        ``(indices, similarities)``, both (m, k'), each row sorted by decreasing similarity; where a query
        has fewer than ``k'`` candidates (an excluded row), the missing slots hold index -1 and -inf.
    """
    corpus = np.asarray(corpus, dtype=np.float32)
    queries = np.asarray(queries, dtype=np.float32)
    n, m = corpus.shape[0], queries.shape[0]
    kk = min(int(k), n)
    idx_out = np.full((m, kk), -1, dtype=np.int64)
    sim_out = np.full((m, kk), -np.inf, dtype=np.float32)
    if kk <= 0 or m == 0:
        return idx_out, sim_out
    for start in range(0, m, block):
        stop = min(m, start + block)
        sims = queries[start:stop] @ corpus.T
        if exclude is not None:
            ex = np.asarray(exclude[start:stop])
            rows = np.nonzero(ex >= 0)[0]
            sims[rows, ex[rows]] = -np.inf
        top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk] if kk < n else np.tile(np.arange(n), (stop - start, 1))
        top_sims = np.take_along_axis(sims, top, axis=1)
        order = np.argsort(-top_sims, axis=1, kind="stable")
        top, top_sims = np.take_along_axis(top, order, axis=1), np.take_along_axis(top_sims, order, axis=1)
        top[~np.isfinite(top_sims)] = -1
        idx_out[start:stop], sim_out[start:stop] = top, top_sims
    return idx_out, sim_out
