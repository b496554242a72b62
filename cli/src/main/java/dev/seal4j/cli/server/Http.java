package dev.seal4j.cli.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.seal4j.engine.JsonProblem;
import dev.seal4j.engine.OneLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reading JSON requests (with a size limit) and writing JSON responses. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Request bodies: one JSON value and nothing after it, no field twice. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final long DRAIN_LIMIT = 64L << 20;

    private Http() {
    }

    /** The request body as a JSON object; bigger than {@code maxBytes} is a 413, anything but an object a 400. */
    static JsonNode readObject(HttpExchange ex, long maxBytes) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null && parseLong(length) > maxBytes) {
            drain(ex);
            throw ApiError.tooLarge("the request body has " + length + " bytes; this server takes at most " + maxBytes);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = ex.getRequestBody()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (body.size() + n > maxBytes) {
                    drain(ex);
                    throw ApiError.tooLarge("the request body is larger than this server's limit of " + maxBytes + " bytes");
                }
                body.write(buffer, 0, n);
            }
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body.toByteArray());
        } catch (JsonProcessingException e) {
            throw ApiError.invalid(null, "the request body is not valid JSON: " + JsonProblem.describe(e).replaceFirst("^invalid JSON: ", ""));
        }
        if (node == null || !node.isObject()) {
            throw ApiError.invalid(null, "the request body must be a JSON object");
        }
        return node;
    }

    /**
     * Reads and drops what is left of a refused body (up to {@link #DRAIN_LIMIT}), so that the client, still
     * sending, gets the error response instead of a reset connection.
     */
    private static void drain(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; total < DRAIN_LIMIT && (n = in.read(buffer)) > 0; ) {
            total += n;
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw ApiError.invalid(null, "Content-Length '" + s + "' is not a number");
        }
    }

    static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendText(HttpExchange ex, int status, String contentType, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendError(HttpExchange ex, ApiError e) throws IOException {
        if (e.retryAfter() != null) {
            ex.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        send(ex, e.status(), e.json());
    }

    /** The query parameters of the request URI. */
    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A value as a client sent it, for a message: its JSON text, cut short. */
    static String shown(JsonNode value) {
        String text = value.toString();
        return OneLine.of(text.length() > 80 ? text.substring(0, 80) + "…" : text);
    }

    /** A required non-empty text field. */
    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull() || !n.isTextual() || n.asText().isBlank()) {
            throw ApiError.invalid(field, "'" + field + "' is required and must be a non-empty string");
        }
        return n.asText();
    }

    /** An optional text field (null when absent). */
    static String optionalText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiError.invalid(field, "'" + field + "' must be a string");
        }
        return n.asText();
    }
}
