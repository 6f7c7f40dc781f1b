/** The command line: one small class per verb, each a thin layer over the core; every verb takes {@code --json}. */
package dev.orchestrator.cli;
