/**
 * The runtime plugin contract: how a plugin tells the orchestrator what to launch for an app.
 *
 * <p>Stable since SPI version 1. A plugin implements {@link dev.orchestrator.spi.RuntimePlugin}, registers it in
 * {@code META-INF/services/dev.orchestrator.spi.RuntimePlugin}, and returns a {@link dev.orchestrator.spi.LaunchPlan}
 * record; the orchestrator alone creates, watches and kills processes.
 */
package dev.orchestrator.spi;
