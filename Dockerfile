# One image for the API (the default command) and the worker (docker-compose.yml overrides the command).
# TypeScript runs as is, through tsx; configuration comes from the environment (config/env.ts).

# The console is built with the dev dependencies (Vite, the schema generator), in a stage of its own; only
# console/dist goes into the image.
FROM node:20-bookworm-slim AS console
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit
COPY . .
RUN npm run -s console:build

FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    DATA_DIR=/data \
    PORT=3000

WORKDIR /app

# Dependencies first, so that a change to the source alone reuses this layer. tsx is a runtime dependency;
# the dev dependencies (compiler, tests) are left out.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit \
 && npm cache clean --force

COPY . .
COPY --from=console /build/console/dist ./console/dist

# Runtime state (outbox, documents, signing key) lives in DATA_DIR; a named volume mounted on /data takes
# this ownership when it is first created.
RUN mkdir -p /data && chown node:node /data
USER node

EXPOSE 3000
# `node --import tsx` is what `npx tsx api/server.ts` runs, in one process: a stop signal (docker stop sends
# SIGTERM to PID 1) reaches the server itself, which then finishes the requests in flight. Behind npx, npm
# would exit at once and the container would be killed mid-request.
CMD ["node", "--import", "tsx", "api/server.ts"]
