/** Finding runtime plugins ({@link java.util.ServiceLoader}) and the host facts they may ask for. */
package dev.orchestrator.plugin;
