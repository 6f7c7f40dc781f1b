package dev.orchestrator.discovery;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lists a folder of the default file system with {@code opendir}/{@code readdir} (FFM), which tell each entry's type:
 * a walk then needs no {@code stat} for plain files and half the system calls per folder of a NIO directory stream
 * (which opens, dups and fcntls). On a large tree those calls are most of the walk. Anything unusual (another OS,
 * native access off, a name that is not UTF-8, any failure) answers {@code null}, and the caller lists with NIO,
 * whose exceptions say what went wrong.
 */
@SuppressWarnings("restricted")
final class NativeListing {

    /** One entry: its name and its {@code d_type}. */
    record Name(String name, int type) {
        boolean folder() {
            return type == DT_DIR;
        }

        boolean file() {
            return type == DT_REG;
        }
    }

    static final int DT_DIR = 4;
    static final int DT_REG = 8;

    // struct dirent of glibc and musl on 64-bit Linux: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name
    private static final long D_TYPE = 18;
    private static final long D_NAME = 19;
    private static final long DIRENT_SIZE = D_NAME + 256;

    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPENDIR;
    private static final MethodHandle READDIR;
    private static final MethodHandle CLOSEDIR;
    private static final MethodHandle ERRNO_LOCATION;

    static {
        MethodHandle open = null;
        MethodHandle read = null;
        MethodHandle close = null;
        MethodHandle errno = null;
        if (supported()) {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                open = linker.downcallHandle(libc.find("opendir").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
                read = linker.downcallHandle(libc.find("readdir").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS), Linker.Option.captureCallState("errno"));
                close = linker.downcallHandle(libc.find("closedir").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
                errno = linker.downcallHandle(libc.find("__errno_location").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(ValueLayout.JAVA_INT)));
            } catch (RuntimeException | LinkageError e) {
                open = null; // no native listing: NIO does it all
            }
        }
        OPENDIR = open;
        READDIR = read;
        CLOSEDIR = close;
        ERRNO_LOCATION = errno;
    }

    private NativeListing() {
    }

    private static boolean supported() {
        String arch = System.getProperty("os.arch", "");
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).equals("linux")
                && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))
                && NativeListing.class.getModule().isNativeAccessEnabled()
                // file names must round-trip between String and bytes exactly as the JDK converts them
                && Charset.forName(System.getProperty("sun.jnu.encoding", "")).equals(StandardCharsets.UTF_8);
    }

    static boolean available() {
        return OPENDIR != null;
    }

    /** The folder's entries without {@code .} and {@code ..}, unsorted; {@code null} when NIO must list it. */
    static List<Name> list(Path folder) {
        if (OPENDIR == null || folder.getFileSystem() != FileSystems.getDefault()) {
            return null;
        }
        String text = folder.toString();
        if (text.indexOf('\uFFFD') >= 0 || text.indexOf('\0') >= 0) {
            return null; // the path's bytes were not UTF-8: only NIO has them exactly
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dir = (MemorySegment) OPENDIR.invokeExact(arena.allocateFrom(text));
            if (dir.address() == 0) {
                return null;
            }
            try {
                return entries(dir, arena.allocate(CAPTURE));
            } finally {
                int ignored = (int) CLOSEDIR.invokeExact(dir);
            }
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * {@code null} if a name is not valid UTF-8, or if the end may be a read error: readdir returns NULL for both, so
     * errno is cleared before each call (as the JDK does) and only an errno still 0 after it proves the end.
     */
    private static List<Name> entries(MemorySegment dir, MemorySegment state) throws Throwable {
        List<Name> names = new ArrayList<>();
        while (true) {
            ((MemorySegment) ERRNO_LOCATION.invokeExact()).set(ValueLayout.JAVA_INT, 0, 0);
            MemorySegment entry = (MemorySegment) READDIR.invokeExact(state, dir);
            if (entry.address() == 0) {
                return (int) ERRNO.get(state, 0L) == 0 ? names : null;
            }
            MemorySegment dirent = entry.reinterpret(DIRENT_SIZE);
            String name = name(dirent);
            if (name == null) {
                return null;
            }
            if (!name.equals(".") && !name.equals("..")) {
                names.add(new Name(name, Byte.toUnsignedInt(dirent.get(ValueLayout.JAVA_BYTE, D_TYPE))));
            }
        }
    }

    private static String name(MemorySegment dirent) {
        int length = 0;
        boolean ascii = true;
        while (length < 256) {
            byte b = dirent.get(ValueLayout.JAVA_BYTE, D_NAME + length);
            if (b == 0) {
                break;
            }
            ascii &= b >= 0;
            length++;
        }
        byte[] bytes = dirent.asSlice(D_NAME, length).toArray(ValueLayout.JAVA_BYTE);
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
