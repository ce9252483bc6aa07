"""The floor for a page with a chart and a table: one small Plotly chart, then one small data table
(used by benchmarks/browser.py beside benchmarks/minimal/app.py)."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.title("Minimal, with a table")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))
st.dataframe(pd.DataFrame({"x": ["a", "b", "c"], "y": [1, 3, 2]}))
