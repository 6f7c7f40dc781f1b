// Apps built in a loop, with options PM2 has and we do not.
const { defineApp } = require("../../../dev/pm2Helpers");

const queues = ["mail", "thumbs", "search"];

module.exports = {
  apps: queues.map((queue, i) => ({
    ...defineApp(`worker_${queue}`, "./worker.js", ["--queue", queue], {
      cwd: __dirname,
      env: { QUEUE: queue, SLOT: i },
    }),
    node_args: ["--max-old-space-size=256"],
    exec_mode: i === 0 ? "cluster" : "fork",
    time: true,
    log_type: "json",
    pmx: false,
    watch: ["./lib"],
    ignore_watch: "node_modules",
    env_production: { NODE_ENV: "production" },
    autostart: i !== 2,
    watch_ignore: ["tmp"],
  })),
};
