#!/usr/bin/python3
"""Alternatives to leadbase's boosted defaults (src/scoring/predictive/boosted.hpp), scored the
way tune.py chose them: for each outer fold of the `--folds-out` file, a 3-fold CV inside that
fold's TRAINING rows only (the outer test folds are never looked at). Prints, per attempt, the
inner-CV AUC (mean over the 5 x 3 inner fits) for each seed given; docs/predictive.md lists the
results. The xgboost package is the library the C++ code calls, so the numbers carry over.

  bench/predictive/attempts.py --csv Leads.csv --folds folds.csv [--seeds 42,44]
Takes several minutes on 2 cores.
"""
import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

import peer
import tune

DEFAULTS = {"objective": "binary:logistic", "tree_method": "hist", "nthread": 2, "verbosity": 0,
            "eta": 0.1, "max_depth": 5, "min_child_weight": 1, "subsample": 0.8,
            "colsample_bytree": 0.5, "lambda": 1, "max_bin": 256}

# name, encoding ("onehot": leadbase's; "native": XGBoost's categorical splits for columns with
# more than 8 levels, one-hot for the rest; "missing_count": onehot plus missing fields per row),
# parameters over DEFAULTS, rounds, boosters averaged.
ATTEMPTS = [
    ("defaults", "onehot", {}, 120, 1),
    ("native categorical splits", "native", {}, 120, 1),
    ("missing fields per row", "missing_count", {}, 120, 1),
    ("subsample 0.7", "onehot", {"subsample": 0.7}, 120, 1),
    ("subsample 0.9", "onehot", {"subsample": 0.9}, 120, 1),
    ("min_child_weight 3", "onehot", {"min_child_weight": 3}, 120, 1),
    ("gamma 1", "onehot", {"gamma": 1}, 120, 1),
    ("learning rate 0.05 x 240", "onehot", {"eta": 0.05}, 240, 1),
    ("depth 6 x 100", "onehot", {"max_depth": 6}, 100, 1),
    ("2 parallel trees per round (240 trees)", "onehot", {"num_parallel_tree": 2}, 120, 1),
    ("2 parallel trees, learning rate 0.15 x 80", "onehot",
     {"num_parallel_tree": 2, "eta": 0.15}, 80, 1),
    ("2 boosters averaged (240 trees)", "onehot", {}, 120, 2),
    ("3 boosters x 60 averaged", "onehot", {}, 60, 3),
]


def encode(kind, train, test, numeric, categorical):
    if kind == "native":
        wide = [c for c in categorical if train[c].nunique() > 8]
        a, b = tune.encode(train, test, numeric, [c for c in categorical if c not in wide])
        types = ["q"] * a.shape[1]
        for name in wide:
            counts = train[name].value_counts()
            codes = {level: i for i, level in enumerate(counts[counts >= 10].index)}
            # Rare or unseen levels share one code; missing stays NaN.
            a, b = (np.column_stack([m, f[name].map(lambda v: np.nan if v != v else
                                                    codes.get(v, len(codes)))])
                    for m, f in ((a, train), (b, test)))
            types.append("c")
        return a.astype(np.float32), b.astype(np.float32), types
    a, b = tune.encode(train, test, numeric, categorical)
    if kind == "missing_count":
        a = np.column_stack([a, train.isna().sum(axis=1)]).astype(np.float32)
        b = np.column_stack([b, test.isna().sum(axis=1)]).astype(np.float32)
    return a, b, None


def inner_auc(splits, params, rounds, boosters, seed):
    per_fold = {}
    for fold, train, test, labels_test in splits:
        probabilities = np.mean([
            xgb.train({**DEFAULTS, **params, "seed": seed + k}, train, rounds).predict(test)
            for k in range(boosters)], axis=0)
        per_fold.setdefault(fold, []).append(roc_auc_score(labels_test, probabilities))
    return np.mean([np.mean(aucs) for aucs in per_fold.values()])


def main():
    parser = tune.data_arguments()
    parser.add_argument("--seeds", default="42,44")
    args = parser.parse_args()
    x, y, folds, numeric, categorical = peer.load(args)
    splits = {}
    for kind in sorted({attempt[1] for attempt in ATTEMPTS}):
        splits[kind] = []
        for fold in sorted(set(folds)):
            x_train, y_train = x[folds != fold].reset_index(drop=True), y[folds != fold]
            inner = StratifiedKFold(3, shuffle=True, random_state=1).split(x_train, y_train)
            for a, b in inner:
                xa, xb, types = encode(kind, x_train.iloc[a], x_train.iloc[b], numeric, categorical)
                splits[kind].append((fold, xgb.DMatrix(xa, y_train[a], feature_types=types,
                                                       enable_categorical=types is not None),
                                     xgb.DMatrix(xb, feature_types=types,
                                                 enable_categorical=types is not None),
                                     y_train[b]))
    for name, kind, params, rounds, boosters in ATTEMPTS:
        aucs = [inner_auc(splits[kind], params, rounds, boosters, int(seed))
                for seed in args.seeds.split(",")]
        print(f"attempt={name!r} trees={rounds * boosters * params.get('num_parallel_tree', 1)} "
              f"inner_auc={' '.join(f'{auc:.4f}' for auc in aucs)}", flush=True)


if __name__ == "__main__":
    main()
