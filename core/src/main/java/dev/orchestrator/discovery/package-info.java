/**
 * Discovery: finds the project root, walks the scan roots once for descriptors and drop-in service folders (honouring
 * built-in skips, {@code ignore:} globs and {@code .orchestratorignore} files), and explains every decision.
 */
package dev.orchestrator.discovery;
