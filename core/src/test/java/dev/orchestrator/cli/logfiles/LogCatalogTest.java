package dev.orchestrator.cli.logfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCatalogTest {

    @TempDir
    Path logs;

    private void touch(String... names) throws IOException {
        for (String n : names) {
            Files.writeString(logs.resolve(n), "");
        }
    }

    @Test
    void rotatedFilesComeOldestFirstAndTheActiveFileLast() throws IOException {
        touch("api-out.log", "api-out.log.1", "api-out.log.2.gz", "api-out.log.10.gz", "api-err.log");
        List<LogStream> streams = LogCatalog.scan(logs);
        assertThat(streams).containsExactly(
                new LogStream("api", OptionalInt.empty(), LogStream.Kind.OUT, logs.resolve("api-out.log"),
                        List.of(logs.resolve("api-out.log.10.gz"), logs.resolve("api-out.log.2.gz"),
                                logs.resolve("api-out.log.1"), logs.resolve("api-out.log"))),
                new LogStream("api", OptionalInt.empty(), LogStream.Kind.ERR, logs.resolve("api-err.log"),
                        List.of(logs.resolve("api-err.log"))));
    }

    @Test
    void perInstanceFilesAreInstancesWhenInstanceZeroExists() throws IOException {
        touch("web-0-out.log", "web-1-out.log", "worker-2-out.log", "notes.txt", "other.log");
        List<LogStream> streams = LogCatalog.scan(logs);
        assertThat(streams).extracting(LogStream::label).containsExactly("web-0", "web-1", "worker-2");
        assertThat(streams.get(1).app()).isEqualTo("web");
        assertThat(streams.get(1).instance()).hasValue(1);
        assertThat(streams.get(2).app()).isEqualTo("worker-2");
        assertThat(streams.get(2).instance()).isEmpty();
    }

    @Test
    void aStreamWhoseActiveFileIsGoneStillListsItsRotatedFiles() throws IOException {
        touch("api-out.log.1");
        assertThat(LogCatalog.scan(logs)).singleElement().satisfies(s -> {
            assertThat(s.active()).isEqualTo(logs.resolve("api-out.log"));
            assertThat(s.files()).containsExactly(logs.resolve("api-out.log.1"));
        });
    }
}
