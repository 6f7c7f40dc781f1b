/**
 * Starting a project at boot: {@code orchestrator startup} writes a systemd unit running {@code orchestrator up} in the
 * foreground for one project, {@code unstartup} removes it, and {@link dev.orchestrator.boot.StaleUnitCheck} tells
 * {@code up} when the installed unit's stop timeout has become too short. No save/resurrect: the descriptors are the
 * saved state.
 */
package dev.orchestrator.boot;
