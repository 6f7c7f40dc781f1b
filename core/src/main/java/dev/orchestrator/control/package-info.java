/**
 * The control plane: a Unix-domain-socket server speaking newline-delimited JSON to the CLI and editor plugins, the
 * client the CLI verbs use, and {@link dev.orchestrator.control.ControlTarget}, the interface the running orchestrator
 * implements. The protocol is documented in {@code docs/control-protocol.md}.
 */
package dev.orchestrator.control;
