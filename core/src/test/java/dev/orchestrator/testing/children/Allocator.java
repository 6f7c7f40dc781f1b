package dev.orchestrator.testing.children;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Allocates args[0] MiB on the heap and writes to every page so it is resident, prints "allocated", then sleeps. */
public final class Allocator {
    public static void main(String[] args) throws InterruptedException {
        int mib = Integer.parseInt(args[0]);
        List<byte[]> held = new ArrayList<>();
        for (int i = 0; i < mib; i++) {
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 1);
            held.add(block);
        }
        System.out.println("allocated " + held.size() + " MiB");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
