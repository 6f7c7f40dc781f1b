package dev.orchestrator.discovery;

import dev.orchestrator.spi.Detection;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A service folder without a descriptor that one plugin recognised: it runs with that runtime's defaults, named after
 * the folder.
 *
 * @param folder    absolute path
 * @param runtimeId the winning plugin's {@code id()}
 * @param detection the winning plugin's answer
 */
public record DropIn(Path folder, String runtimeId, Detection detection) {

    public DropIn {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(runtimeId, "runtimeId");
        Objects.requireNonNull(detection, "detection");
    }

    /** The app name a drop-in gets: its folder's name. */
    public String appName() {
        return folder.getFileName().toString();
    }
}
