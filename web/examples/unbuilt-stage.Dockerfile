FROM alpine:3.20 AS test
RUN --mount=type=cache,target=/var/cache/apk \
    apk add bats

FROM alpine:3.20 AS release
ARG TARGETPLATFORM
RUN --mount=type=cache,id=apk-${TARGETPLATFORM},sharing=locked,target=/var/cache/apk \
    apk add curl
