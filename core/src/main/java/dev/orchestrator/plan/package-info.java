/** Planning: turns validated descriptors into fully resolved {@link dev.orchestrator.plan.AppSpec}s (env layers, paths, runtime plans). */
package dev.orchestrator.plan;
