# Look-alike of redis:<7.x>: Debian's redis-server, run as "redis" from /data, protected mode off
# as in the official image (Debian's default refuses every other container).
FROM rate-runner-lookalike/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq redis-server >/dev/null && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown redis:redis /data
COPY redis-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
WORKDIR /data
VOLUME /data
EXPOSE 6379
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["redis-server"]
