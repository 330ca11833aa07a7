# syntax=docker/dockerfile:1
# Build stage: native modules (hnswlib-node, better-sqlite3) compile here with the toolchain.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY scripts/build.mjs ./scripts/
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY scripts ./scripts
COPY prompts ./prompts
COPY config ./config
COPY public ./public
COPY knowledge ./knowledge
COPY locales ./locales
# The server and widget bundles (dist/), then the index, so the first start only loads it.
RUN node scripts/build.mjs && DATA_DIR=/app/data npx tsx scripts/index.ts

# Runtime stage: no compilers, non-root, runs the compiled bundle.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/app/data KNOWLEDGE_DIR=/app/knowledge
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/server.mjs"]
