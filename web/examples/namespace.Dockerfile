FROM alpine:3.20
RUN --mount=type=cache,sharing=locked,target=/var/cache/apk \
    apk add git
