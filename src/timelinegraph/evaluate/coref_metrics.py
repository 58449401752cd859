"""Coreference scores MUC, B-cubed, CEAF-e and the CoNLL F1, as the reference scorer defines them.

Follows ``reference-coreference-scorers`` v8.01 (Pradhan et al. 2014, "Scoring Coreference
Partitions of Predicted Mentions: A Reference Implementation"), so numbers are comparable with
published results, including for predicted mentions: key and response may hold different mention
sets, and a mention found on one side only (a twinless mention) simply earns nothing. Singletons
are kept on both sides, as ECB+ evaluations do.

Every metric is a function of the overlap counts ``|K ∩ R|`` of key cluster ``K`` and response
cluster ``R``; only pairs that share a mention are ever built, so the cost grows with the number of
mentions, not with ``#key × #response``. Sums are exact (``fractions.Fraction`` and integers) and
only the final figures become floats, so the result does not depend on the order of the input.

Scoring a whole corpus at once (mentions as ``(doc_id, start, end)``) gives the scorer's corpus
totals, i.e. numerators and denominators summed over documents (micro average).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

__all__ = ["PRF", "CorefScores", "clusters_from_labels", "score_coreference"]

M = TypeVar("M", bound=Hashable)


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one metric, with the scorer's numerators and denominators.

    The counts are kept so that a reader can check a figure against the Perl scorer's
    ``Recall: (n / d)`` lines. Numerators can be fractional (B-cubed, CEAF-e).
    """

    precision: float
    recall: float
    f1: float
    recall_numerator: float = 0.0
    recall_denominator: int = 0
    precision_numerator: float = 0.0
    precision_denominator: int = 0


@dataclass(frozen=True)
class CorefScores:
    """All three link/mention/entity views of one key/response comparison, plus the CoNLL mean."""

    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF
    conll_f1: float
    key_mentions: int
    response_mentions: int
    key_clusters: int
    response_clusters: int


def clusters_from_labels(labels: Mapping[M, Hashable]) -> list[frozenset[M]]:
    """Group ``mention -> cluster label`` into clusters, for systems that emit labels, not sets.

    Clusters come in the order in which their label is first seen in ``labels``, so the output is
    deterministic for a given mapping (labels need not be sortable).
    """
    groups: dict[Hashable, list[M]] = {}
    for mention, label in labels.items():
        groups.setdefault(label, []).append(mention)
    return [frozenset(members) for members in groups.values()]


def score_coreference(key: Iterable[Iterable[M]], response: Iterable[Iterable[M]]) -> CorefScores:
    """Score ``response`` clusters against ``key`` clusters with MUC, B-cubed, CEAF-e and CoNLL F1.

    A mention repeated inside one cluster counts once (the scorer de-duplicates the same way);
    a mention in two clusters of the same side is a ``ValueError``, since it would make the
    partition ambiguous. Empty clusters are dropped. Empty inputs score 0.0 everywhere.
    """
    key_clusters, key_of = _partition(key, "key")
    resp_clusters, resp_of = _partition(response, "response")
    key_sizes = [len(c) for c in key_clusters]
    resp_sizes = [len(c) for c in resp_clusters]

    # |K ∩ R| for every (key cluster, response cluster) pair sharing a mention; twinless
    # mentions never appear here, which is exactly how the v8 scorer treats them.
    overlap: Counter[tuple[int, int]] = Counter()
    for mention, k in key_of.items():
        r = resp_of.get(mention)
        if r is not None:
            overlap[(k, r)] += 1

    muc = _muc(overlap, key_sizes, resp_sizes)
    b_cubed = _b_cubed(overlap, key_sizes, resp_sizes)
    ceaf_e = _ceaf_e(overlap, key_sizes, resp_sizes)
    conll = (muc[1] + b_cubed[1] + ceaf_e[1]) / 3
    return CorefScores(
        muc=muc[0],
        b_cubed=b_cubed[0],
        ceaf_e=ceaf_e[0],
        conll_f1=float(conll),
        key_mentions=len(key_of),
        response_mentions=len(resp_of),
        key_clusters=len(key_clusters),
        response_clusters=len(resp_clusters),
    )


# --------------------------------------------------------------------------- helpers


def _partition(
    clusters: Iterable[Iterable[M]], side: str
) -> tuple[list[frozenset[M]], dict[M, int]]:
    """Clusters as frozensets plus ``mention -> cluster index``; rejects overlapping clusters."""
    out: list[frozenset[M]] = []
    owner: dict[M, int] = {}
    for position, cluster in enumerate(clusters):
        members = frozenset(cluster)
        if not members:
            continue
        index = len(out)
        for mention in members:
            previous = owner.setdefault(mention, index)
            if previous != index:
                raise ValueError(
                    f"{side} mention {mention!r} appears in two {side} clusters "
                    f"(non-empty clusters #{previous} and #{index}, input position {position}); "
                    "each mention must belong to exactly one cluster"
                )
        out.append(members)
    return out, owner


def _ratio(num: Fraction | int, den: int) -> Fraction:
    """``num / den`` with nothing to score (den 0) counted as 0, like the scorer does."""
    return Fraction(num) / den if den else Fraction(0)


def _prf(
    recall_num: Fraction | int, recall_den: int, precision_num: Fraction | int, precision_den: int
) -> tuple[PRF, Fraction]:
    """Float PRF for the caller plus the exact F1, which the CoNLL mean is built from."""
    recall = _ratio(recall_num, recall_den)
    precision = _ratio(precision_num, precision_den)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else Fraction(0)
    prf = PRF(
        precision=float(precision),
        recall=float(recall),
        f1=float(f1),
        recall_numerator=float(recall_num),
        recall_denominator=recall_den,
        precision_numerator=float(precision_num),
        precision_denominator=precision_den,
    )
    return prf, f1


def _muc(
    overlap: Mapping[tuple[int, int], int], key_sizes: list[int], resp_sizes: list[int]
) -> tuple[PRF, Fraction]:
    """MUC (Vilain et al. 1995): links kept, counted through the partition of each cluster.

    For key cluster K, |K| - |p(K)| = (mentions of K in the response) - (response clusters hit),
    since every twinless mention of K is its own part. Summed over K this is the sum over
    overlapping pairs of (|K ∩ R| - 1), the same for recall and precision; only the
    denominators, the number of links on each side, differ.
    """
    common = sum(count - 1 for count in overlap.values())
    key_links = sum(size - 1 for size in key_sizes)
    resp_links = sum(size - 1 for size in resp_sizes)
    return _prf(common, key_links, common, resp_links)


def _b_cubed(
    overlap: Mapping[tuple[int, int], int], key_sizes: list[int], resp_sizes: list[int]
) -> tuple[PRF, Fraction]:
    """B-cubed (Bagga & Baldwin 1998): per-mention overlap, summed as |K ∩ R|² / |K| (or |R|).

    Squared overlaps are added up per cluster size first, so the exact sum needs only one
    fraction per distinct size.
    """
    by_key_size: Counter[int] = Counter()
    by_resp_size: Counter[int] = Counter()
    for (k, r), count in overlap.items():
        by_key_size[key_sizes[k]] += count * count
        by_resp_size[resp_sizes[r]] += count * count
    recall_num = sum((Fraction(total, size) for size, total in by_key_size.items()), Fraction(0))
    precision_num = sum(
        (Fraction(total, size) for size, total in by_resp_size.items()), Fraction(0)
    )
    return _prf(recall_num, sum(key_sizes), precision_num, sum(resp_sizes))


def _ceaf_e(
    overlap: Mapping[tuple[int, int], int], key_sizes: list[int], resp_sizes: list[int]
) -> tuple[PRF, Fraction]:
    """Entity CEAF (Luo 2005) with phi4 = 2|K ∩ R| / (|K| + |R|), optimal one-to-one alignment.

    Clusters that share no mention have similarity 0, so pairing them gains nothing: the
    alignment splits into the connected components of the overlap graph, each solved on its own
    (most are a single pair). Inside a component the similarities are scaled by the lcm of their
    denominators to integers, so the optimum is found and summed exactly.
    """
    n_key = len(key_sizes)
    parent = list(range(n_key + len(resp_sizes)))

    def find(node: int) -> int:
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    for k, r in overlap:
        a, b = find(k), find(n_key + r)
        if a != b:
            parent[b] = a

    components: dict[int, list[tuple[int, int, int]]] = {}
    for (k, r), count in overlap.items():
        components.setdefault(find(k), []).append((k, r, count))

    # Exact total similarity, kept as integer numerators grouped by denominator.
    by_den: Counter[int] = Counter()
    for edges in components.values():
        if len(edges) == 1:
            k, r, count = edges[0]
            by_den[key_sizes[k] + resp_sizes[r]] += 2 * count
            continue
        scale = math.lcm(*(key_sizes[k] + resp_sizes[r] for k, r, _ in edges))
        weighted = [
            (k, r, 2 * count * scale // (key_sizes[k] + resp_sizes[r])) for k, r, count in edges
        ]
        by_den[scale] += _component_optimum(weighted)
    similarity = sum((Fraction(num, den) for den, num in by_den.items()), Fraction(0))
    return _prf(similarity, n_key, similarity, len(resp_sizes))


def _component_optimum(edges: list[tuple[int, int, int]]) -> int:
    """Largest total weight of a one-to-one matching over ``(key, response, weight)`` edges."""
    keys = sorted({k for k, _, _ in edges})
    resps = sorted({r for _, r, _ in edges})
    if len(keys) == 1 or len(resps) == 1:  # e.g. an all-in-one response: pick the best pair
        return max(weight for _, _, weight in edges)
    # The smaller side becomes the rows: one augmenting search per row.
    if len(keys) <= len(resps):
        row_ids, col_ids = keys, resps
        pairs = [(k, r, w) for k, r, w in edges]
    else:
        row_ids, col_ids = resps, keys
        pairs = [(r, k, w) for k, r, w in edges]
    row_index = {node: i for i, node in enumerate(row_ids)}
    col_index = {node: j for j, node in enumerate(col_ids)}
    adjacency: list[list[tuple[int, int]]] = [[] for _ in row_ids]
    for row, col, weight in pairs:
        adjacency[row_index[row]].append((col_index[col], weight))
    matching = _max_weight_matching(adjacency, len(col_ids))
    return sum(
        weight
        for i, row_edges in enumerate(adjacency)
        for j, weight in row_edges
        if matching[i] == j
    )


def _max_weight_matching(adjacency: list[list[tuple[int, int]]], n_cols: int) -> list[int]:
    """Kuhn–Munkres (Hungarian) for a sparse bipartite graph with positive integer weights.

    ``adjacency[i]`` lists ``(column, weight)``; returns the column matched to each row, or -1.
    Each row gets a private zero-cost dummy column meaning "unmatched", which turns the problem
    into an assignment of every row; each row is then added by a Dijkstra search for the
    cheapest augmenting path over reduced costs (successive shortest paths with potentials),
    touching only edges that exist. Costs are ``-weight``; all arithmetic is on integers.
    """
    n_rows = len(adjacency)
    costs = [
        [(j, -weight) for j, weight in edges] + [(n_cols + i, 0)]
        for i, edges in enumerate(adjacency)
    ]
    # Dual feasibility: reduced cost c(i, j) - u[i] - v[j] >= 0 and v <= 0.
    u = [min(cost for _, cost in row) for row in costs]
    v = [0] * (n_cols + n_rows)
    match_row = [-1] * n_rows
    match_col = [-1] * (n_cols + n_rows)

    for source in range(n_rows):
        dist: dict[int, int] = {}
        pred: dict[int, int] = {}
        final: set[int] = set()
        reached_rows = [(source, 0)]
        reached_cols: list[tuple[int, int]] = []
        heap: list[tuple[int, int, int]] = []
        row, row_dist = source, 0
        while True:
            base = row_dist - u[row]
            for col, cost in costs[row]:
                if col in final:
                    continue
                candidate = base + cost - v[col]
                if col not in dist or candidate < dist[col]:
                    dist[col] = candidate
                    pred[col] = row
                    # On equal distance a free column comes first: it ends the search at once
                    # instead of walking a chain of tied matched columns.
                    heapq.heappush(heap, (candidate, match_col[col] >= 0, col))
            while True:  # the source's own dummy is always free, so the heap never runs dry
                col_dist, _, col = heapq.heappop(heap)
                if col not in final and col_dist == dist[col]:
                    break
            final.add(col)
            owner = match_col[col]
            if owner < 0:
                break
            reached_cols.append((col, col_dist))
            reached_rows.append((owner, col_dist))
            row, row_dist = owner, col_dist
        # Shift potentials so reduced costs stay >= 0 and the path found becomes tight.
        for node, node_dist in reached_rows:
            u[node] += col_dist - node_dist
        for node, node_dist in reached_cols:
            v[node] -= col_dist - node_dist
        while True:  # flip the augmenting path back to the source
            row = pred[col]
            previous = match_row[row]
            match_row[row] = col
            match_col[col] = row
            if row == source:
                break
            col = previous

    return [col if col < n_cols else -1 for col in match_row]
