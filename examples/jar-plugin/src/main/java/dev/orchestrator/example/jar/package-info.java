/** An example third-party runtime plugin: runtime {@code jar} runs an app's jar with {@code java -jar}. */
package dev.orchestrator.example.jar;
