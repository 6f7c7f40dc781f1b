/**
 * App health: the heartbeat endpoint, ready and live probes, start ordering by {@code depends_on}, and restarts for
 * memory and on a cron schedule, all driven by one scheduler thread and carried out through the supervisor.
 */
package dev.orchestrator.health;
