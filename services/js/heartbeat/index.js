// Heartbeat stand-in: prints a tick; real services POST {pid, name} to http://127.0.0.1:$HEARTBEAT_PORT/heartbeat.
const name = process.env.ORCHESTRATOR_APP || "heartbeat";
console.log(`${name}: pid ${process.pid}, instance ${process.env.NODE_APP_INSTANCE}, port ${process.env.HEARTBEAT_PORT}`);
const timer = setInterval(() => console.log(`${name}: tick`), 5000);
process.on("SIGTERM", () => {
  clearInterval(timer);
  console.error(`${name}: SIGTERM, shutting down`);
});
