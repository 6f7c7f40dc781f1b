package dev.orchestrator.logs;

import java.nio.channels.FileChannel;

/**
 * Something that reads log files as they grow (the console). A {@link LogSink} calls it when it opens a regular file;
 * the returned handle hears about writes, rotations and the end, and must never block: it only records and wakes.
 */
public interface LogFollower {

    /**
     * @param label  the prefix for this file's lines (a process label, or the app name for merged logs)
     * @param reader a channel positioned where our writes begin; the follower owns and closes it
     */
    Handle follow(String label, FileChannel reader);

    /** Notifications from one sink, each called from a pump loop thread; none may block (it would hold up other apps' logs). */
    interface Handle {
        /** Bytes were appended to the current file. */
        void written();

        /** The current file was renamed away and is complete; {@code next} reads the fresh file from its start. */
        void rotated(FileChannel next);

        /**
         * No more writes will come through this sink; read the current file up to {@code endOffset} and let go. The
         * offset matters: a new sink may already be appending to the same file for the next start of the app.
         */
        void closed(long endOffset);
    }
}
