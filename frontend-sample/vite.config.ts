import { defineConfig } from 'vite';

// Where the ChatX server runs. The dev server proxies the API to it, so the browser
// talks to one origin only (no CORS, and the WebSocket goes through the same proxy).
const target = process.env.CHATX_URL ?? 'http://localhost:8080';

// ChatX may restrict the origins it accepts: present the proxied requests (HTTP and the
// WebSocket upgrade) as coming from the server's own origin, as a reverse proxy would.
const sameOrigin = {
  target,
  changeOrigin: true,
  headers: { origin: new URL(target).origin },
};

export default defineConfig({
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    proxy: {
      // Queries and mutations (HTTP POST) and subscriptions (WebSocket), one path.
      '/graphql': { ...sameOrigin, ws: true, rewriteWsOrigin: true },
      // ChatX's GraphiQL, to explore the API beside the app (its redirect stays on this origin).
      '/graphiql': { ...sameOrigin, autoRewrite: true },
    },
  },
  preview: {
    proxy: {
      '/graphql': { ...sameOrigin, ws: true, rewriteWsOrigin: true },
      '/graphiql': { ...sameOrigin, autoRewrite: true },
    },
  },
});
