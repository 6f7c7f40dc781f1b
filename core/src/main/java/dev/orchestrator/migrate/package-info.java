/**
 * {@code orchestrator import}: evaluates PM2 ecosystem configs with node, as PM2 does, and writes each config's own apps
 * as an {@code ecosystem.yaml} beside it, secrets in a private env file, and every option it could not carry over
 * reported with the app and the reason.
 */
package dev.orchestrator.migrate;
