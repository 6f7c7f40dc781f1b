const { defineNodeService } = require("../../../dev/pm2Helpers");

module.exports = {
  apps: [defineNodeService("vision", __dirname)],
};
