/**
 * Supervision: runs every instance of every app, applies the restart policy, stops groups gracefully then by force,
 * publishes lifecycle events, records running children in {@code .orchestrator/state.json}, and recovers leftovers
 * of an orchestrator that was killed.
 */
package dev.orchestrator.supervisor;
