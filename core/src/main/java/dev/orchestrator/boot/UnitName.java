package dev.orchestrator.boot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code orchestrator-<project>-<hash8>.service}: the project folder's name for people, and 8 hex digits of the SHA-256
 * of its absolute path so two checkouts of the same project get two units.
 */
public final class UnitName {

    private UnitName() {
    }

    public static String of(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        Path name = abs.getFileName();
        String project = (name == null ? "root" : name.toString()).replaceAll("[^A-Za-z0-9_.-]", "-");
        return "orchestrator-" + project + "-" + hash8(abs.toString()) + ".service";
    }

    private static String hash8(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
