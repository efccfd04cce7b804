import pickle
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1])
model = {'estimator': 'LogisticRegression', 'C': 0.5, 'features': list(df.columns[:-1])}
with open(sys.argv[2], 'wb') as f:
    pickle.dump(model, f, protocol=4)
