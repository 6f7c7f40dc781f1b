/**
 * Child output: one or two epoll loop threads move every child pipe into its log file in large blocks, rotate files by
 * rename at a line boundary, keep the last stderr lines in memory, and a console printer tails the files with a label
 * and colour.
 */
package dev.orchestrator.logs;
