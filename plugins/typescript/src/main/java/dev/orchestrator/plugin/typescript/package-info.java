/**
 * The built-in {@code typescript} runtime: runs the compiled output with node (warning when src/ is newer), else the
 * sources with tsx, else with Node's {@code --experimental-strip-types}.
 */
package dev.orchestrator.plugin.typescript;
