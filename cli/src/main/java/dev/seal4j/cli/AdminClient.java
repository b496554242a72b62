package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.cli.server.AdminToken;
import dev.seal4j.seal.continual.ContinualJson;
import dev.seal4j.seal.continual.StateDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Talks to the server that holds a state directory (its address in STATE/server.json, the token in
 * STATE/admin-token), so that decisions made on the command line take effect in the running server.
 */
final class AdminClient {
    private final String url;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminClient(String url, String token) {
        this.url = url;
        this.token = token;
    }

    static AdminClient of(StateDir state) {
        if (!Files.exists(state.serverInfo()) || !Files.exists(state.adminToken())) {
            throw new CommandFailedException(state.root() + " is held by another process that is not a server "
                    + "(no server.json); try again when it ends", null);
        }
        JsonNode info = ContinualJson.readFile(state.serverInfo(), JsonNode.class);
        return new AdminClient(info.path("url").asText(), AdminToken.read(state.adminToken()));
    }

    /** POSTs a JSON body; returns the response, or fails with the server's error message. */
    JsonNode post(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ContinualJson.write(body))).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = ContinualJson.read(r.body());
            if (r.statusCode() / 100 != 2) {
                throw new CommandFailedException("the server refused (" + r.statusCode() + "): "
                        + json.path("error").path("message").asText(r.body()), null);
            }
            return json;
        } catch (IOException e) {
            throw new CommandFailedException("cannot reach the server at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted", e);
        }
    }
}
