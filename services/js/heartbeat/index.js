// A heartbeat client, as the team's services have: POST {pid, name} to the orchestrator's heartbeat endpoint every
// few seconds. An app that has sent one is restarted when it goes silent for longer than HEARTBEAT_TIMEOUT.
const http = require("node:http");

const name = process.env.ORCHESTRATOR_APP || "heartbeat";
const port = Number(process.env.HEARTBEAT_PORT || 5005);
let beats = 0;

function beat() {
  const body = JSON.stringify({ pid: process.pid, name });
  const req = http.request({ host: "127.0.0.1", port, path: "/heartbeat", method: "POST",
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
    res.resume();
    if (++beats === 1 || res.statusCode !== 200) console.log(`${name}: heartbeat answered ${res.statusCode}`);
  });
  req.on("error", (e) => console.error(`${name}: heartbeat failed: ${e.message}`));
  req.end(body);
}

console.log(`${name}: pid ${process.pid}, instance ${process.env.NODE_APP_INSTANCE}, port ${port}`);
beat();
const timer = setInterval(beat, 5000);
process.on("SIGTERM", () => {
  clearInterval(timer);
  console.error(`${name}: SIGTERM, shutting down`);
});
