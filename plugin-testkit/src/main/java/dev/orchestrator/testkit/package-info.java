/**
 * The plugin author's test kit: extend {@link dev.orchestrator.testkit.RuntimePluginContract} to check a runtime plugin
 * against the SPI contract, with a {@link dev.orchestrator.testkit.FakeHost} standing in for the machine.
 *
 * <p>Stable since SPI version 1.
 */
package dev.orchestrator.testkit;
