/**
 * Finding runtime plugins: the built-ins on the class path and third-party jars from the plugin folders, each jar in its
 * own class loader that sees only the SPI; checking a jar before it is installed ({@code plugins doctor}); and the host
 * facts plugins may ask for.
 */
package dev.orchestrator.plugin;
