FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules \
    npm ci && cp -R node_modules /prod_node_modules

FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=deps /prod_node_modules ./node_modules
COPY . .
CMD ["node", "server.js"]
