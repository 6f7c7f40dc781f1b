/** Tiny Java programs used as children in tests, so core tests need no Python or Node. */
package dev.orchestrator.testing.children;
