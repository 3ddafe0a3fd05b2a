# The Debian base every look-alike starts from: mmdebstrap's minbase, plus the host's extra CA
# certificates (outbound TLS from a container goes through the same interception as the host's).
FROM rate-runner-lookalike/minbase:bookworm
COPY ca-certificates/ /usr/local/share/ca-certificates/
RUN printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d \
 && update-ca-certificates >/dev/null 2>&1 \
 && printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >/etc/apt/apt.conf.d/90no-recommends
ENV LANG=C.UTF-8
