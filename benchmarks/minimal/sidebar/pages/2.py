"""A page to link to (benchmarks/minimal/sidebar/app.py)."""

import streamlit as st

st.title("Page 2")
