#!/usr/bin/python3
"""How leadbase's boosted defaults (src/scoring/predictive/boosted.hpp) were chosen, without
looking at the benchmark's test folds: nested cross-validation with the xgboost package (the same
library the C++ code calls). For each outer fold of the `--folds-out` file, a 3-fold inner CV on
that fold's TRAINING rows only scores a small grid (learning rate 0.1; depth 3-6, min_child_weight
1/5, colsample_bytree 0.5/0.8; rounds by early stopping on the inner folds); the winner is fitted
on the training rows and scored once on the outer test fold. Prints the winner per outer fold and
the nested AUC (an honest estimate of "tune, then fit").

Features as leadbase builds them for trees: one-hot levels seen >= 10 times in the training rows,
an __other__ and a __missing__ column per categorical, numeric values with a missing indicator
(left NaN here; leadbase puts the training median there, the indicator carrying the same fact).

  bench/predictive/tune.py --csv Leads.csv --folds folds.csv   (folds from leadbase train --folds-out)
Takes a few minutes on 2 cores.
"""
import argparse

import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

import peer

GRID = [dict(eta=0.1, max_depth=depth, min_child_weight=weight, colsample_bytree=colsample,
             subsample=0.8)
        for depth in (3, 4, 5, 6) for weight in (1, 5) for colsample in (0.5, 0.8)]
BASE = {"objective": "binary:logistic", "tree_method": "hist", "nthread": 2, "seed": 42,
        "verbosity": 0, "eval_metric": "auc"}


def encode(train, test, numeric, categorical, min_count=10):
    columns = [[], []]
    for name in numeric:
        for out, frame in zip(columns, (train, test)):
            values = frame[name].to_numpy(float)
            out += [values, np.isnan(values).astype(float)]
    for name in categorical:
        counts = train[name].value_counts()
        levels = [level for level, count in counts.items() if count >= min_count]
        for out, frame in zip(columns, (train, test)):
            values = frame[name]
            out += [(values == level).to_numpy(float) for level in levels]
            out.append((~values.isna() & ~values.isin(levels)).to_numpy(float))
            out.append(values.isna().to_numpy(float))
    return (np.column_stack(columns[0]).astype(np.float32),
            np.column_stack(columns[1]).astype(np.float32))


def choose(features, labels):
    inner = list(StratifiedKFold(3, shuffle=True, random_state=1).split(features, labels))
    best = None
    for params in GRID:
        history = xgb.cv({**BASE, **params}, xgb.DMatrix(features, labels), 600, folds=inner,
                         early_stopping_rounds=40)
        auc = history["test-auc-mean"].iloc[-1]
        if best is None or auc > best[0]:
            best = (auc, params, len(history))
    return best


def data_arguments():
    """The data and folds options shared with attempts.py, defaults as bench/run predictive."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--folds", required=True)
    parser.add_argument("--target", default="Converted")
    parser.add_argument("--exclude", default="Prospect ID,Lead Number,Tags,Lead Quality,Lead Profile")
    parser.add_argument("--missing", default="Select")
    parser.add_argument("--positive", default="1,yes,true,won")
    return parser


def main():
    args = data_arguments().parse_args()
    x, y, folds, numeric, categorical = peer.load(args)
    outer_aucs = []
    for fold in sorted(set(folds)):
        train, test = folds != fold, folds == fold
        x_train, x_test = encode(x[train], x[test], numeric, categorical)
        inner_auc, params, rounds = choose(x_train, y[train])
        model = xgb.train({**BASE, **params}, xgb.DMatrix(x_train, y[train]), rounds)
        outer_aucs.append(roc_auc_score(y[test], model.predict(xgb.DMatrix(x_test))))
        print(f"fold={fold + 1} inner_auc={inner_auc:.4f} rounds={rounds} {params} "
              f"outer_auc={outer_aucs[-1]:.4f}", flush=True)
    print(f"nested_auc={np.mean(outer_aucs):.4f}")


if __name__ == "__main__":
    main()
