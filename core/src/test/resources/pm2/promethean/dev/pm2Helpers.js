// The users' helpers (seed design note): every app gets identity, heartbeat and python env values.
const path = require("path");

function defineApp(name, script, args = [], opts = {}) {
  const { cwd, watch, env_file, env = {}, instances = 1, exec_mode = "fork" } = opts;
  return {
    name,
    script,
    args,
    exec_mode,
    cwd,
    watch,
    env_file,
    out_file: `./logs/${name}-out.log`,
    error_file: `./logs/${name}-err.log`,
    merge_logs: true,
    instances,
    autorestart: true,
    restart_delay: 10000,
    kill_timeout: 10000,
    env: {
      ...env,
      PM2_PROCESS_NAME: name,
      HEARTBEAT_PORT: defineApp.HEARTBEAT_PORT,
      PYTHONUNBUFFERED: "1",
      PYTHONPATH: defineApp.PYTHONPATH,
      CHECK_INTERVAL: 1000 * 60 * 5,
      HEARTBEAT_TIMEOUT: 1000 * 60 * 10,
    },
  };
}

defineApp.HEARTBEAT_PORT = 5005;
defineApp.PYTHONPATH = path.resolve(__dirname, "..");

function definePythonService(name, serviceDir, opts = {}) {
  return defineApp(name, "pipenv", ["run", "python", "-m", "main"], { cwd: serviceDir, ...opts });
}

function defineNodeService(name, serviceDir, opts = {}) {
  return defineApp(name, ".", [], { cwd: serviceDir, ...opts });
}

module.exports = { defineApp, definePythonService, defineNodeService };
