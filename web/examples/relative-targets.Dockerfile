FROM node:22-bookworm-slim AS web
WORKDIR /web
COPY web/ .
RUN --mount=type=cache,target=node_modules/.cache \
    npm ci && npm run build

FROM node:22-bookworm-slim AS api
WORKDIR /api
COPY api/ .
RUN --mount=type=cache,target=node_modules/.cache \
    npm ci && npm run build

FROM nginx:alpine
COPY --from=web /web/dist /usr/share/nginx/html
COPY --from=api /api/dist /srv/api
