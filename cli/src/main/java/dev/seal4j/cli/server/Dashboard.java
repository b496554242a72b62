package dev.seal4j.cli.server;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The operator's page: plain HTML, CSS and JavaScript from the classpath (no build step), which reads
 * the /admin API with the bearer token the operator pastes in (or passes as #token=... in the URL).
 */
final class Dashboard {
    private static final Map<String, String> FILES = Map.of("index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8", "dashboard.css", "text/css; charset=utf-8");

    void serve(HttpExchange ex, String path) throws IOException {
        if (path.equals("/dashboard")) {
            ex.getResponseHeaders().set("Location", "/dashboard/");
            ex.sendResponseHeaders(302, -1);
            return;
        }
        String name = path.substring("/dashboard/".length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        String type = FILES.get(name);
        if (type == null) {
            throw ApiError.notFound("not_found", "no such file: " + path);
        }
        try (InputStream in = Dashboard.class.getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw ApiError.notFound("not_found", "the dashboard file " + name + " is missing from the build");
            }
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'");
            Http.sendText(ex, 200, type, in.readAllBytes());
        }
    }
}
