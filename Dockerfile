# syntax=docker/dockerfile:1
# GoChat server image. Build: docker build -t gochat .   (docker-compose.yml builds it)
#
# Ports (the compose file decides which are published):
#   8080  public HTTP API + WebSocket (GOCHAT_HTTP_PORT)
#   9090+ gRPC delivery between workers and nodes, one per worker (GOCHAT_RPC_PORT + i); internal
#   9100  admin: /metrics, /healthz, /readyz (GOCHAT_ADMIN_PORT); internal, set GOCHAT_ADMIN_HOST=0.0.0.0
#         so that Prometheus on the same network can scrape it

# ---- deps: production dependencies only. Native addons (sqlite3, for the
# embedded engine) use a prebuilt binary when one can be downloaded and are
# compiled here otherwise, hence the toolchain (it stays in this stage).
FROM node:20-slim AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# ---- build: every dependency, TypeScript compiled to dist/ ----
FROM deps AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY proto ./proto
COPY src ./src
COPY web ./web
RUN npm run build

# ---- runtime: production node_modules, compiled code, migrations, default config ----
FROM node:20-slim AS runtime
# production: dev_mode off, a weak GOCHAT_JWT_SECRET refused (src/config/load.ts)
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
# the web chat page served at /
COPY --from=build /app/dist/web ./dist/web
# migrations, applied by the server at start (src/store/migrate.ts finds /app/sql)
COPY sql ./sql
# defaults; every key is overridden by GOCHAT_* environment variables
COPY app.yaml ./
# Without service URLs the image runs the embedded engine (SQLite under ./data): keep it on a volume.
# A node given no GOCHAT_JWT_SECRET keeps the signing secret it generates there too (data/jwt-secret).
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME /app/data
USER node
EXPOSE 8080 9090 9100
# Ready once every worker of the node is up (the primary's /readyz on the admin port).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.GOCHAT_ADMIN_PORT||9100)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The primary handles SIGTERM (graceful shutdown: clients get 1001, in-flight messages are made durable).
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
