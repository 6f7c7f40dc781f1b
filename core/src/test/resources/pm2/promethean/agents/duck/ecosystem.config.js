// The agent: five services sharing an identity, secrets from a dotenv file.
const path = require("path");
const dotenv = require("../../dev/dotenv");
const { definePythonService, defineNodeService } = require("../../dev/pm2Helpers");

dotenv.config({ path: __dirname + "/.tokens" });

const discord_env = {
  DISCORD_TOKEN: process.env.DISCORD_TOKEN,
  DISCORD_CLIENT_USER_ID: "449279570445729793",
  DEFAULT_CHANNEL_NAME: "duck-bots",
  AGENT_NAME: "Duck",
  OPENAI_BASE: process.env.OPENAI_BASE,
};

module.exports = {
  apps: [
    definePythonService("duck_discord_indexer", path.join(__dirname, "../../services/py/discord_indexer"), {
      env: discord_env,
    }),
    defineNodeService("duck_cephalon", path.join(__dirname, "../../services/ts/cephalon"), {
      env: discord_env,
    }),
    definePythonService("duck_attachment_indexer", path.join(__dirname, "../../services/py/discord_indexer"), {
      watch: ["./services/py/tts"],
      env: { ...discord_env, CAPTURE_CHANNEL_ID: "1401730790467047586" },
    }),
    {
      name: "chromadb",
      cwd: __dirname,
      script: "./scripts/run_chroma.sh",
      restart_delay: 10000,
      kill_timeout: 10000,
      env: { MISSING_TOKEN: process.env.NOT_SET_ANYWHERE },
    },
  ],
};
