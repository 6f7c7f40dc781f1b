package dev.orchestrator.migrate;

import dev.orchestrator.descriptor.Pm2Keys;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PM2's option names: its aliases (from PM2's schema and {@code verifyConfs}), and the options with no equivalent here,
 * each with the reason given to the user, so no option disappears without a word.
 */
final class Pm2Options {

    /** Alias -> PM2's canonical name, which is also ours where we have the option. */
    static final Map<String, String> ALIASES = Pm2Keys.ALIASES;

    /** The order aliases are applied in, so the result does not depend on map iteration order. */
    static final List<String> ALIAS_ORDER = Pm2Keys.ALIAS_ORDER;

    private Pm2Options() {
    }

    /** Why a PM2 option is not imported; empty for keys PM2 does not know either. */
    static Optional<String> unsupported(String key) {
        return Pm2Keys.unsupported(key);
    }
}
