package dev.orchestrator.testing.children;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Posts {@code {"pid": <its own pid>, "name": args[1]}} to {@code http://127.0.0.1:args[0]/heartbeat} args[2] times
 * (-1: forever), args[3] ms apart, printing each answer's status, then sleeps until killed: a client that stops sending.
 */
public final class HeartbeatClient {
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        String name = args[1];
        long beats = Long.parseLong(args[2]);
        long interval = Long.parseLong(args[3]);
        long pid = ProcessHandle.current().pid();
        byte[] body = ("{\"pid\": " + pid + ", \"name\": \"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        for (long i = 0; beats < 0 || i < beats; i++) {
            System.out.println("beat " + pid + " " + post(port, body));
            System.out.flush();
            Thread.sleep(interval);
        }
        System.out.println("silent " + pid);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static int post(int port, byte[] body) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/heartbeat").toURL()
                    .openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            c.disconnect();
            return status;
        } catch (IOException e) {
            return -1;
        }
    }
}
