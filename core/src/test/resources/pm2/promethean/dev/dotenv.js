// A tiny stand-in for the dotenv package (no npm install in tests): KEY=value lines into process.env.
const fs = require("fs");

function config({ path }) {
  for (const line of fs.readFileSync(path, "utf8").split("\n")) {
    const m = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/);
    if (m && process.env[m[1]] === undefined) {
      process.env[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
    }
  }
}

module.exports = { config };
