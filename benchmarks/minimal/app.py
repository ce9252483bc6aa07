"""The floor any Streamlit app pays: one page, one small Plotly chart (used by benchmarks/browser.py)."""

import plotly.graph_objects as go
import streamlit as st

st.title("Minimal")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))
