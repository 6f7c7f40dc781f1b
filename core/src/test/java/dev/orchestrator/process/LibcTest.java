package dev.orchestrator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The one downcall shape really calls libc functions of other shapes: ints, pointers, unused arguments, errno. */
class LibcTest {

    @Test
    void aFunctionWithoutArgumentsReturnsItsIntResult() {
        try (Arena arena = Arena.ofConfined()) {
            long pid = Libc.toInt(Libc.function("getpid").call(arena.allocate(Libc.CAPTURE)));

            assertThat(pid).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void aPointerArgumentTravelsAsItsAddressAndALongResultComesBackWhole() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("twelve chars");

            long length = Libc.function("strlen").call(arena.allocate(Libc.CAPTURE), text.address());

            assertThat(length).isEqualTo(12);
        }
    }

    @Test
    void aNegativeIntResultAndItsErrnoAreReported() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CAPTURE);

            int rc = Libc.toInt(Libc.function("close").call(state, -1));

            assertThat(rc).isEqualTo(-1);
            assertThat(Libc.errno(state)).isEqualTo(9); // EBADF
        }
    }

    @Test
    void aNegativeIntArgumentArrivesAsTheInt() {
        try (Arena arena = Arena.ofConfined()) {
            // abs(int): the argument register holds the int sign-extended, its low half is what abs reads
            assertThat(Libc.toInt(Libc.function("abs").call(arena.allocate(Libc.CAPTURE), -42))).isEqualTo(42);
        }
    }

    @Test
    void aMissingSymbolIsEmptyOrNamedInTheError() {
        assertThat(Libc.find("no_such_libc_function_xyz")).isEmpty();
        assertThatThrownBy(() -> Libc.function("no_such_libc_function_xyz"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("libc symbol 'no_such_libc_function_xyz' not found");
    }
}
