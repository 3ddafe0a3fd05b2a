# Look-alike of prom/prometheus: Debian's prometheus (2.42; /bin/prometheus through usrmerge), run as nobody from
# /prometheus, with wget for the healthcheck as in the official busybox-based image.
FROM rate-runner-lookalike/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq prometheus wget >/dev/null && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /prometheus /etc/prometheus && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
