# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Tuning the churn forest
# Run with papermill to try other sizes: `papermill tune_forest.py -p n_estimators 400`.

# %% tags=["parameters"]
n_estimators = 100
min_samples_leaf = 2

# %%
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score

train = pd.read_csv('../data/train.csv')
forest = RandomForestClassifier(n_estimators=n_estimators, min_samples_leaf=min_samples_leaf, random_state=0)
scores = cross_val_score(forest, train.drop(columns=['churned']), train['churned'], cv=4)
