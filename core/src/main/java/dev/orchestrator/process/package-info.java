/**
 * Processes at the operating-system level, knowing nothing of apps: spawning a child in its own session, signalling
 * whole process groups with {@code kill(2)} through the FFM API, reading {@code /proc}, and graceful-then-forced
 * group stops.
 */
package dev.orchestrator.process;
