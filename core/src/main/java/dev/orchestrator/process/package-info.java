/**
 * Processes at the operating-system level, knowing nothing of apps: spawning a child in its own session (glibc's
 * {@code posix_spawn} through the FFM API), reaping every child on one thread, signalling whole process groups with
 * {@code kill(2)}, reading {@code /proc}, and graceful-then-forced group stops.
 */
package dev.orchestrator.process;
