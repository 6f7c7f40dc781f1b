/**
 * Helpers the built-in runtime plugins share: a {@link dev.orchestrator.plugin.support.Draft} of a plan, folder walks
 * up to the project root, script and {@code interpreter:} checks, the top-level {@code main} of a package.json, and
 * node and {@code node_modules/.bin} lookups.
 *
 * <p>Stability: internal to the built-in plugins; third-party plugins may use it but it is not the SPI. It depends on
 * the SPI alone, follows the orchestrator's version rather than {@code SPI_VERSION}, and may change in any release.
 * Since 0.1.0.
 */
package dev.orchestrator.plugin.support;
