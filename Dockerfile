# CPU-only image: installs the package, ingests the corpus at build time, serves on port 8000.
FROM python:3.11-slim

ENV PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    ANONYMIZED_TELEMETRY=False \
    ASSISTANT_DATA_DIR=/app/var \
    ASSISTANT_CORPUS_DIR=/app/corpus

WORKDIR /app
# The CPU wheel of torch from PyTorch's CPU index keeps the image small (no CUDA).
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
COPY assistant ./assistant
COPY corpus ./corpus
RUN pip install -e . && assistant ingest

EXPOSE 8000
CMD ["assistant", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
