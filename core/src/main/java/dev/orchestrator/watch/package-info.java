/**
 * Hot reload: one shared, debounced watch over the project tree; descriptor edits become a validated diff
 * ({@link dev.orchestrator.watch.ReloadDiff}) applied through {@link dev.orchestrator.watch.AppControl}; per-app source
 * watches restart an app when its files change, with a flap guard.
 */
package dev.orchestrator.watch;
