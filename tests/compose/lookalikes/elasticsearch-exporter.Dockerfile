# Look-alike of quay.io/prometheuscommunity/elasticsearch-exporter: Debian's prometheus-elasticsearch-exporter
# (1.5; the same --es.uri flag), on port 9114, run as nobody as in the official busybox-based image.
FROM rate-runner-lookalike/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq prometheus-elasticsearch-exporter >/dev/null && rm -rf /var/lib/apt/lists/*
USER nobody
EXPOSE 9114
ENTRYPOINT ["/usr/bin/prometheus-elasticsearch-exporter"]
