# riskbot: a multi-stage image. The build stage compiles wheels; the runtime stage is slim and
# runs as an unprivileged user. Migrations are an opt-in entry step: RISKBOT_MIGRATE=1.
FROM python:3.11-slim AS build
WORKDIR /src
# A C compiler, so that the rule engine is compiled with mypyc (setup.py); the runtime stage
# receives the built wheel and needs none.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir --upgrade pip build
COPY pyproject.toml setup.py README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY rules ./rules
COPY migrations ./migrations
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    RISKBOT_DATABASE_URL=sqlite+aiosqlite:////data/riskbot.db
RUN useradd --system --uid 10001 --create-home --home-dir /home/riskbot riskbot \
    && mkdir -p /data && chown riskbot /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
COPY docker/entrypoint.sh /usr/local/bin/riskbot-entrypoint
USER riskbot
WORKDIR /home/riskbot
VOLUME ["/data"]
HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=3 \
    CMD ["riskbot", "health"]
ENTRYPOINT ["riskbot-entrypoint"]
CMD ["run"]
