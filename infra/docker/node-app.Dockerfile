# The api, scheduler and worker images: one recipe, the app chosen by the APP build arg.
# Build from the repository root:
#   docker build -f infra/docker/node-app.Dockerfile --build-arg APP=worker --build-arg PORT=3020 -t rate-runner-worker .
# The dependencies stage takes no build arg and is written exactly as in apps/dashboard/Dockerfile, so
# BuildKit runs the workspace's npm install once for all four images (Compose builds them together).
# Node 22 (the image below), while npm test runs the apps on the host's Node 20 (engines >=20.19; this machine has no
# Node 22): the Compose test (npm run test:compose) is what runs them on 22.

FROM node:22.23.5-bookworm-slim AS deps
WORKDIR /workspace
ENV NX_NO_CLOUD=true NX_DAEMON=false NG_CLI_ANALYTICS=false
COPY package.json package-lock.json ./
# npm ci refuses a lockfile that lacks some other platforms' optional binaries (one made
# where the registry does not carry them); npm install then installs against it.
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund

FROM deps AS build
ARG APP
COPY . .
RUN test -n "$APP" && npx nx build "$APP"

FROM node:22.23.5-bookworm-slim
ARG APP
ARG PORT
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=${PORT}
# The build writes main.js with the package.json and lockfile of only the packages the bundle imports.
COPY --from=build /workspace/dist/apps/${APP} ./
RUN (npm ci --omit=dev --no-audit --no-fund || npm install --omit=dev --no-audit --no-fund) && npm cache clean --force
USER node
EXPOSE ${PORT}
# Node is PID 1: the apps handle SIGTERM themselves (graceful shutdown: stop taking work, finish, close).
CMD ["node", "main.js"]
