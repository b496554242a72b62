package dev.seal4j.cli.server;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A server-sent event stream as OpenAI streams completions: "data: {json}\n\n" per chunk, then "data: [DONE]". */
final class SseWriter implements AutoCloseable {
    private final OutputStream out;

    SseWriter(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        this.out = ex.getResponseBody();
    }

    /** Sends one chunk now; a client that went away stops the generation (UncheckedIOException). */
    void event(Object chunk) {
        try {
            out.write(("data: " + Http.JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client closed the stream", e);
        }
    }

    @Override
    public void close() throws IOException {
        try (out) {
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}
