/**
 * The built-in {@code python} runtime: runs an app inside its env tool (uv, pipenv, poetry), its virtualenv, or PATH's
 * python3, with {@code -m main}-style entry points.
 */
package dev.orchestrator.plugin.python;
