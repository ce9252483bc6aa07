"""The floor for a page of the dashboard: the minimal app's one small Plotly chart under the sidebar every
page has (seven page links, the countries and the period), in a wide multipage app (used by
benchmarks/browser.py beside benchmarks/minimal/app.py)."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Minimal, with the sidebar", layout="wide")
links = st.sidebar.container()
st.sidebar.multiselect("Countries", ["KAZ", "KGZ", "TJK", "TKM", "UZB"], placeholder="All five")
st.sidebar.slider("Period", min_value=1991, max_value=2026, value=(1991, 2026))
for path, label in [("app.py", "Overview")] + [(f"pages/{n}.py", f"Page {n}") for n in range(1, 7)]:
    links.page_link(path, label=label)
links.divider()
st.title("Minimal, with the sidebar")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))
