# Pure-Python wheels are built once, on the build machine...
FROM --platform=$BUILDPLATFORM python:3.12-slim AS wheels
RUN --mount=type=cache,target=/root/.cache/pip \
    pip wheel --wheel-dir /wheels requests rich

# ...and installed on every target platform, with the same pip cache.
FROM python:3.12-slim
COPY --from=wheels /wheels /wheels
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install /wheels/*.whl
