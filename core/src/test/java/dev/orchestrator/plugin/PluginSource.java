package dev.orchestrator.plugin;

/**
 * The source of a test plugin: every method has a harmless default, and a test replaces the one it is about (a
 * constructor that throws, a plan that reads a bundled helper...).
 */
public record PluginSource(String className, String id, String spiVersion, String constructor, String detect,
                           String plan) {

    /** A plugin {@code className} with runtime id {@code id} that plans {@code [id, "planned"]}. */
    public static PluginSource of(String className, String id) {
        return new PluginSource(className, id, "SPI_VERSION", "",
                "return Detection.none(\"never mine\");",
                "return LaunchPlan.builder(List.of(\"" + id + "\", \"planned\")).build();");
    }

    public PluginSource spi(int version) {
        return new PluginSource(className, id, Integer.toString(version), constructor, detect, plan);
    }

    public PluginSource constructor(String body) {
        return new PluginSource(className, id, spiVersion, body, detect, plan);
    }

    public PluginSource detect(String body) {
        return new PluginSource(className, id, spiVersion, constructor, body, plan);
    }

    public PluginSource plan(String body) {
        return new PluginSource(className, id, spiVersion, constructor, detect, body);
    }

    String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    public String source() {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        return """
                package %s;

                import dev.orchestrator.spi.*;
                import java.nio.file.Path;
                import java.util.List;

                public class %s implements RuntimePlugin {
                    public %s() {
                        %s
                    }

                    @Override public String id() { return "%s"; }
                    @Override public int spiVersion() { return %s; }
                    @Override public List<String> detectionHints() { return List.of("%s.marker"); }

                    @Override public Detection detect(Path folder, HostContext host) {
                        %s
                    }

                    @Override public LaunchPlan plan(LaunchRequest request) throws PlanException {
                        %s
                    }
                }
                """.formatted(pkg, simpleName(), simpleName(), constructor, id, spiVersion, id, detect, plan);
    }
}
