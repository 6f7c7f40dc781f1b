// ESM with a Promise-valued export: PM2 can only require() this; an async loader needs import().
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

async function loadApps() {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return [
    {
      name: "llm",
      script: "dist/index.js",
      cwd: here,
      interpreter_args: "--enable-source-maps",
      env: { LLM_MODEL: "small", PORT: 8888, API_URL: process.env.SHELL_API_URL },
      kill_timeout: 30000,
    },
  ];
}

export default loadApps().then((apps) => ({ apps }));
