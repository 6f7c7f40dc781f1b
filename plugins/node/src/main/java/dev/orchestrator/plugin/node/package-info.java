/**
 * The built-in {@code node} runtime: runs {@code node <entry file>} (never a folder), or a command from
 * {@code node_modules/.bin}.
 */
package dev.orchestrator.plugin.node;
