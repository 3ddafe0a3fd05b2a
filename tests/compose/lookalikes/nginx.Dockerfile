# Look-alike of nginx:<1.x>-bookworm: Debian's nginx (1.22) laid out as the official image (user
# nginx, conf.d, /usr/share/nginx/html, /docker-entrypoint.d/*.sh run before nginx starts, curl).
FROM rate-runner-lookalike/debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq nginx curl >/dev/null && rm -rf /var/lib/apt/lists/* \
 && rm -f /etc/nginx/sites-enabled/default && mkdir -p /docker-entrypoint.d /usr/share/nginx/html \
 && groupadd -r nginx && useradd -r -g nginx -d /nonexistent -s /usr/sbin/nologin nginx \
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
COPY nginx-main.conf /etc/nginx/nginx.conf
COPY nginx-entrypoint.sh /docker-entrypoint.sh
EXPOSE 80
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["nginx", "-g", "daemon off;"]
