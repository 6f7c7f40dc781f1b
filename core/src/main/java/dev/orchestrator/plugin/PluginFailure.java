package dev.orchestrator.plugin;

import java.io.Serial;

/**
 * A plugin threw where it must not ({@code detect}, or an unexpected exception in {@code plan}); the message names the
 * plugin's class, its jar (or {@code built-in}) and the cause, so the user knows what to remove or report.
 */
public final class PluginFailure extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    PluginFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
