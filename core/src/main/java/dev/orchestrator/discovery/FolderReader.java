package dev.orchestrator.discovery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a folder for listing. A seam so tests can make a folder unreadable (tests run as root, which reads anything). */
@FunctionalInterface
interface FolderReader {

    FolderReader DEFAULT = Files::newDirectoryStream;

    DirectoryStream<Path> open(Path folder) throws IOException;
}
