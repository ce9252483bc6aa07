"""Central Asia Diplomacy Dashboard: data, checks and figures, independent of Streamlit."""
