/**
 * Reading app logs straight from the files for {@code orchestrator logs}, with or without a running orchestrator:
 * finding the files, rotated ones in order, tails read from the end, {@code --since}/{@code --grep} filters, and
 * following across a rotation.
 */
package dev.orchestrator.cli.logfiles;
