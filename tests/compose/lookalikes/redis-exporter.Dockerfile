# Look-alike of oliver006/redis_exporter: Debian's prometheus-redis-exporter (1.45), on port 9121, reading
# REDIS_ADDR as the official image's binary does; run as an unprivileged user, as there.
FROM rate-runner-lookalike/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq prometheus-redis-exporter >/dev/null && rm -rf /var/lib/apt/lists/*
USER nobody
EXPOSE 9121
ENTRYPOINT ["/usr/bin/prometheus-redis-exporter"]
