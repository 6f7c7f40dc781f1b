const { definePythonService } = require("../../../dev/pm2Helpers");

module.exports = {
  apps: [definePythonService("tts", __dirname)],
};
