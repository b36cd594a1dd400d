#!/usr/bin/python3
"""Peer run of `bench/run predictive`: scikit-learn LogisticRegression and
HistGradientBoostingClassifier and the xgboost package on the folds `leadbase train --folds-out`
wrote, with the same preprocessing idea (placeholders as missing, one-hot categoricals with rare
levels grouped, missing indicators, standardised inputs for the linear model).

Prints one `peer model=NAME fold=K auc= logloss= fit_s=` line per fold and one
`peer model=NAME auc= logloss= fit_s_median= leads_per_s=` summary line per model.
"""
import argparse
import statistics
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from xgboost import XGBClassifier


def load(args):
    frame = pd.read_csv(args.csv, dtype=str, keep_default_na=False)
    frame = frame.loc[:, [c for c in frame.columns if c and not c.startswith("Unnamed")]]
    folds = pd.read_csv(args.folds)
    frame = frame.iloc[folds["row"].to_numpy()].reset_index(drop=True)
    positives = {v.strip().lower() for v in args.positive.split(",")}
    y = frame[args.target].str.strip().str.lower().isin(positives).astype(int).to_numpy()
    excluded = [c for c in args.exclude.split(",") if c] + [args.target]
    x = frame.drop(columns=excluded)
    missing = {v.strip().lower() for v in args.missing.split(",")} | {""}
    x = x.apply(lambda col: col.where(~col.str.strip().str.lower().isin(missing), np.nan))
    numeric = []
    for column in x.columns:
        converted = pd.to_numeric(x[column], errors="coerce")
        if converted.notna().sum() > 0 and converted.notna().sum() == x[column].notna().sum():
            x[column] = converted
            numeric.append(column)
    categorical = [c for c in x.columns if c not in numeric]
    return x, y, folds["fold"].to_numpy(), numeric, categorical


def one_hot():
    return make_pipeline(
        SimpleImputer(strategy="constant", fill_value="__missing__"),
        OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=10, sparse_output=False),
    )


def models(numeric, categorical, seed):
    linear = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler()), numeric),
        ("cat", make_pipeline(one_hot(), StandardScaler()), categorical),
    ])
    trees = ColumnTransformer([("num", "passthrough", numeric), ("cat", one_hot(), categorical)])
    return {
        "sklearn-logistic": lambda: make_pipeline(linear, LogisticRegression(C=1.0, max_iter=5000)),
        "sklearn-histgb": lambda: make_pipeline(trees, HistGradientBoostingClassifier(random_state=seed)),
        "xgboost": lambda: make_pipeline(
            trees, XGBClassifier(tree_method="hist", n_jobs=2, random_state=seed)),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--folds", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--exclude", default="")
    parser.add_argument("--missing", default="Select")
    parser.add_argument("--positive", default="1,yes,true,won")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--score-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    x, y, folds, numeric, categorical = load(args)
    repeats = -(-args.score_rows // len(x))
    scoring_rows = pd.concat([x] * repeats, ignore_index=True)
    for name, make in models(numeric, categorical, args.seed).items():
        aucs, losses, fits = [], [], []
        for fold in sorted(set(folds)):
            train, test = folds != fold, folds == fold
            model = make()
            start = time.perf_counter()
            model.fit(x[train], y[train])
            fits.append(time.perf_counter() - start)
            p = model.predict_proba(x[test])[:, 1]
            aucs.append(roc_auc_score(y[test], p))
            losses.append(log_loss(y[test], p))
            print(f"peer model={name} fold={fold + 1} auc={aucs[-1]:.4f} logloss={losses[-1]:.4f} "
                  f"fit_s={fits[-1]:.3f}", flush=True)
        model = make().fit(x, y)
        start = time.perf_counter()
        model.predict_proba(scoring_rows)
        elapsed = time.perf_counter() - start
        print(f"peer model={name} auc={statistics.mean(aucs):.4f} logloss={statistics.mean(losses):.4f} "
              f"fit_s_median={statistics.median(fits):.3f} scoring_rows={len(scoring_rows)} "
              f"leads_per_s={len(scoring_rows) / elapsed:.0f}", flush=True)


if __name__ == "__main__":
    main()
