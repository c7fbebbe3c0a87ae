FROM alpine:3.20
# TARGETARCH is never declared in this stage...
RUN --mount=type=cache,id=apk-${TARGETARCH},sharing=locked,target=/var/cache/apk \
    apk add python3 py3-pip py3-wheel
