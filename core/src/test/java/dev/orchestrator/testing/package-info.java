/** Test support: fixture children and the leak check that fails any test leaving a process behind. */
package dev.orchestrator.testing;
