/** Descriptors: strict reading of {@code ecosystem.yaml}/{@code .yml}/{@code .json} and {@code orchestrator.yaml}, with positions. */
package dev.orchestrator.descriptor;
