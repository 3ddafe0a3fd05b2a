# The api, scheduler and worker images: one recipe, the app chosen by build args.
# Build from the repository root:
#   docker build -f infra/docker/node-app.Dockerfile --build-arg APP=worker --build-arg PORT=3020 -t rate-runner-worker .

FROM node:20-bookworm-slim AS build
ARG APP
WORKDIR /workspace
ENV NX_NO_CLOUD=true NX_DAEMON=false NG_CLI_ANALYTICS=false
COPY package.json package-lock.json ./
# npm ci refuses a lockfile that lacks some other platforms' optional binaries (one made
# where the registry does not carry them); npm install then installs against it.
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY . .
RUN test -n "$APP" && npx nx build "$APP"

FROM node:20-bookworm-slim
ARG APP
ARG PORT
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=${PORT}
# The build writes main.js and a package.json listing only the packages the bundle imports.
COPY --from=build /workspace/dist/apps/${APP} ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
USER node
EXPOSE ${PORT}
CMD ["node", "main.js"]
