# Tidtam's image: the web (gunicorn), the worker, the scheduler and the one-shot
# `db upgrade` all run it with different commands (compose.yaml, docs/MANY-AGENCIES.md).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A Thai font: the rich menus' pictures and the progress charts are drawn with it.
# (LibreOffice, for plans sent as old .doc files, is left out: add
# `libreoffice-writer-nogui` here if your agencies still have them.)
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-thai-tlwg \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
RUN useradd --system --uid 10001 --home-dir /app tidtam \
    && mkdir -p instance && chown tidtam instance
USER tidtam

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)" || exit 1
# gunicorn.conf.py: wsgi:app, gthread, 8 threads, its time-outs
CMD ["gunicorn", "-b", "0.0.0.0:8000", "-w", "2"]
