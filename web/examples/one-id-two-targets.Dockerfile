FROM nikolaik/python-nodejs:python3.12-nodejs22
RUN --mount=type=cache,id=deps,target=/root/.cache/pip \
    pip install requests
RUN --mount=type=cache,id=deps,target=/root/.npm \
    npm install -g typescript
