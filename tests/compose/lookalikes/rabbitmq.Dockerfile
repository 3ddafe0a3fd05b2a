# Look-alike of rabbitmq:<4.x>-management: Debian's rabbitmq-server (3.10) with the management and Prometheus
# plugins (the official image enables rabbitmq_prometheus, on port 15692), guest allowed from other hosts as in the
# official image; the node is rabbit@<hostname>.
FROM rate-runner-lookalike/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq rabbitmq-server >/dev/null && rm -rf /var/lib/apt/lists/* \
 && rabbitmq-plugins --offline enable rabbitmq_management rabbitmq_prometheus >/dev/null \
 && printf 'loopback_users.guest = false\nlisteners.tcp.default = 5672\nmanagement.tcp.port = 15672\nprometheus.tcp.port = 15692\n' >/etc/rabbitmq/rabbitmq.conf
VOLUME /var/lib/rabbitmq
EXPOSE 5672 15672 15692
CMD ["rabbitmq-server"]
