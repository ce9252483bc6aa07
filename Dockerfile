# The dashboard for public serving: `docker build -t c5dash . && docker run -p 8501:8501 c5dash`.
FROM python:3.11-slim-bookworm

# Chromium renders the PNG, SVG and PDF downloads (kaleido); without it those buttons are disabled.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home dashboard
WORKDIR /home/dashboard/app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
# The code stays root's: the serving user can read it, not change it; so it is compiled now.
COPY . .
RUN python -m compileall -q app.py pages c5dash
USER dashboard

# The app validates its data first and refuses to start on bad data.
RUN python -m c5dash.validate

EXPOSE 8501
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
# .streamlit/config.toml keeps XSRF protection on, usage statistics off and uploads at 1 MB;
# only the address changes so that the container's port can be published.
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
