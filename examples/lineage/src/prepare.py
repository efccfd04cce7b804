import sys
import pandas as pd

df = pd.read_csv(sys.argv[1])
df.drop(columns=['customer_id']).to_csv(sys.argv[2], index=False)
