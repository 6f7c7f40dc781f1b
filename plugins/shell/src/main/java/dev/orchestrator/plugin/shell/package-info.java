/**
 * The built-in {@code shell} runtime: execs an executable script (its shebang decides), runs other scripts with
 * {@code /bin/sh}, and resolves commands such as {@code mongod} on PATH.
 */
package dev.orchestrator.plugin.shell;
