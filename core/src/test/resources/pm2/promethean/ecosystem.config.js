// The master file: only re-exports the others.
const duck = require("./agents/duck/ecosystem.config.js");

const services = [
  require("./services/py/tts/ecosystem.config.js"),
  require("./services/js/vision/ecosystem.config.cjs"),
  require("./services/js/workers/ecosystem.config.js"),
];

module.exports = {
  apps: [...duck.apps, ...services.flatMap((svc) => svc.apps)],
};
