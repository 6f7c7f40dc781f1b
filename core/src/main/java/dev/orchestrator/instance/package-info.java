/** The running orchestrator: ties the supervisor, hot reload and the control server together, and owns desired state. */
package dev.orchestrator.instance;
