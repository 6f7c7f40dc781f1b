package dev.orchestrator.process;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * How this package calls libc: every function goes through one FFM downcall handle, {@code long f(long x 6)} with
 * errno captured, the function's address passed per call.
 *
 * <p>Why one shape: the JDK generates a stub per function descriptor, ~5 ms each even with the AOT cache, and the
 * ~20 descriptors of kill, pipe2, epoll, posix_spawn and waitid cost the daemon ~100 ms before its first spawn (the
 * class-load log showed stubs spun from 80 to 280 ms after start). The functions called here take at most six
 * integer or pointer arguments and return an int, a long or a pointer. On the ABIs of the JDK's Linux linker
 * (x86-64 System V, AArch64, RISC-V, PowerPC, s390x) such arguments are passed as full registers (or caller-owned
 * stack slots), so a function ignores the arguments it does not declare, an int argument widened to a long arrives as
 * the int, and the low 32 bits of the result register are an int result ({@link #toInt}). Pointers travel as their
 * address ({@link MemorySegment#address()}); callers keep their segments' arenas open across the call, as they do.
 * The x86-64 linker also sets {@code %al}, which variadic functions such as {@code fcntl} read.
 */
@SuppressWarnings("restricted")
final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    /** The call-state segment every call takes: allocate one, call, then read {@link #errno}. */
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    /** (function address, call state, six arguments) to the result register. */
    private static final MethodHandle CALL = LINKER.downcallHandle(FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), Linker.Option.captureCallState("errno"));

    private Libc() {
    }

    /** A libc function by name, or empty when this libc lacks it (an older glibc). */
    static Optional<Function> find(String name) {
        return LINKER.defaultLookup().find(name).map(address -> new Function(name, address));
    }

    /** A libc function this package cannot work without. */
    static Function function(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("libc symbol '" + name + "' not found"));
    }

    /** errno as the last call with {@code state} captured it. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** An int result: the low 32 bits of the result register. */
    static int toInt(long result) {
        return (int) result;
    }

    /** One libc function; each call passes its arguments as longs (pointers as addresses) and returns the register. */
    record Function(String name, MemorySegment address) {

        long call(MemorySegment state) {
            return call(state, 0, 0, 0, 0, 0, 0);
        }

        long call(MemorySegment state, long a) {
            return call(state, a, 0, 0, 0, 0, 0);
        }

        long call(MemorySegment state, long a, long b) {
            return call(state, a, b, 0, 0, 0, 0);
        }

        long call(MemorySegment state, long a, long b, long c) {
            return call(state, a, b, c, 0, 0, 0);
        }

        long call(MemorySegment state, long a, long b, long c, long d) {
            return call(state, a, b, c, d, 0, 0);
        }

        long call(MemorySegment state, long a, long b, long c, long d, long e) {
            return call(state, a, b, c, d, e, 0);
        }

        long call(MemorySegment state, long a, long b, long c, long d, long e, long f) {
            try {
                return (long) CALL.invokeExact(address, state, a, b, c, d, e, f);
            } catch (RuntimeException | Error x) {
                throw x;
            } catch (Throwable t) {
                throw new IllegalStateException(name + " failed", t);
            }
        }
    }
}
