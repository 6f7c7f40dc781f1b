'use strict';
// Evaluates one PM2 config file the way PM2 does and writes what it exports as JSON, for `orchestrator import`.
// Usage: node pm2-loader.cjs <config file> <output file>. The output goes to a file, not stdout: configs may print.
// CommonJS is require()d (as PM2 does), ESM (.mjs, or .js in a "type": "module" package) is import()ed, .json is
// evaluated as a JavaScript expression (PM2 accepts comments there); a Promise-valued export is awaited.
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { pathToFileURL } = require('url');

const [, , file, outFile] = process.argv;
const before = Object.assign({}, process.env);

async function importModule(target) {
  const ns = await import(pathToFileURL(target).href);
  return ns.default !== undefined ? ns.default : Object.assign({}, ns);
}

async function load(target) {
  const ext = path.extname(target);
  if (ext === '.json') {
    return vm.runInThisContext('(' + fs.readFileSync(target, 'utf8') + ')', { filename: target });
  }
  if (ext === '.mjs') {
    return importModule(target);
  }
  try {
    return require(target);
  } catch (e) {
    if (e && (e.code === 'ERR_REQUIRE_ESM' || e.code === 'ERR_REQUIRE_ASYNC_MODULE')) {
      return importModule(target);
    }
    throw e;
  }
}

// PM2's own shapes: { apps: [...] }, { pm2: [...] }, a bare array, or one app object.
async function appsOf(config) {
  config = await config;
  if (config === null || config === undefined) {
    return [];
  }
  let apps = config.apps !== undefined ? config.apps : config.pm2 !== undefined ? config.pm2 : config;
  apps = await apps;
  if (!Array.isArray(apps)) {
    apps = [apps];
  }
  return Promise.all(apps);
}

// Where an env value came from: a variable added or changed while the config ran (a dotenv loader), or the
// environment the config was evaluated in. Other keys' values count only when long enough not to match by chance.
function origin(key, text) {
  if (text === '') {
    return undefined;
  }
  for (const [k, v] of Object.entries(process.env)) {
    if (v === text && before[k] !== v && (k === key || text.length >= 8)) {
      return 'dotenv:' + k;
    }
  }
  if (before[key] === text) {
    return 'process.env:' + key;
  }
  for (const [k, v] of Object.entries(before)) {
    if (v === text && text.length >= 8) {
      return 'process.env:' + k;
    }
  }
  return undefined;
}

// PM2 stringifies object values and hands the rest to the child as strings (String(v)).
function envText(value) {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function describe(app) {
  const config = {};
  const origins = {};
  const unset = {};
  for (const [key, value] of Object.entries(app || {})) {
    const envBlock = key === 'env' || key.startsWith('env_');
    if (!envBlock || key === 'env_file' || value === null || typeof value !== 'object' || Array.isArray(value)) {
      config[key] = value;
      continue;
    }
    const env = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || v === null) {
        (unset[key] = unset[key] || []).push(k);
        continue;
      }
      env[k] = envText(v);
      const from = origin(k, env[k]);
      if (from) {
        (origins[key] = origins[key] || {})[k] = from;
      }
    }
    config[key] = env;
  }
  return { config, origins, unset };
}

async function main() {
  let result;
  try {
    const apps = await appsOf(load(path.resolve(file)));
    result = { apps: apps.map(describe) };
  } catch (e) {
    result = { error: (e && e.stack ? e.stack : String(e)).split('\n').slice(0, 6).join('\n') };
  }
  fs.writeFileSync(outFile, JSON.stringify(result, (k, v) => (typeof v === 'function' ? '[function]' : v)));
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
