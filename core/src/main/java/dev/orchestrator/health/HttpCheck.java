package dev.orchestrator.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;

/** {@code http: <url>}: a GET that answers 2xx (redirects followed). */
final class HttpCheck implements Check {

    /** One client for every probe, made on first use: the JDK gives it one selector thread. */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("orchestrator-probe-http-", 0)
                        .factory()))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private final URI url;

    HttpCheck(String url) {
        this.url = URI.create(url);
    }

    @Override
    public Outcome run(Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        try {
            int status = Client.INSTANCE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            String seen = "GET " + url + " answered " + status;
            return status >= 200 && status < 300 ? Outcome.pass(seen) : Outcome.fail(seen);
        } catch (HttpTimeoutException e) {
            return Outcome.fail("GET " + url + " timed out after " + Texts.duration(timeout));
        } catch (IOException e) {
            return Outcome.fail("GET " + url + " failed: " + Check.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.fail("GET " + url + " was interrupted");
        }
    }
}
