package dev.orchestrator.plan;

import dev.orchestrator.descriptor.Located;
import dev.orchestrator.descriptor.SourcePosition;
import java.nio.file.Path;
import java.util.Map;

/** One contribution to an app's env: a dotenv file, or an {@code env:} mapping as written. */
public sealed interface EnvSource {

    /** An {@code env_file}, resolved against the folder of the file that named it. */
    record File(Path path, SourcePosition namedAt) implements EnvSource {
    }

    /** An {@code env:} mapping, values as written (interpolated against the layers below). */
    record Inline(Map<String, Located<String>> values) implements EnvSource {
    }

    /** Values the orchestrator itself sets (defaults, agent name): never interpolated. */
    record Fixed(Map<String, String> values) implements EnvSource {
    }
}
