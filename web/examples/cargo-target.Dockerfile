FROM rust:1.82 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/app/target \
    cargo build --release && cp target/release/app /usr/local/bin/app

FROM debian:bookworm-slim
COPY --from=build /usr/local/bin/app /usr/local/bin/app
CMD ["app"]
