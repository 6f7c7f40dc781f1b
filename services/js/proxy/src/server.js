// An ESM HTTP service: runs as `node src/server.js`, never as a directory import.
import http from "node:http";

// Each instance listens on PORT + its instance number, as PM2 users do with NODE_APP_INSTANCE.
const port = Number(process.env.PORT || 8085) + Number(process.env.NODE_APP_INSTANCE || 0);
const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ proxied: req.url }));
});
server.listen(port, "127.0.0.1", () => console.log(`proxy listening on http://127.0.0.1:${port}/`));
process.on("SIGTERM", () => server.close(() => console.log("proxy closed")));
