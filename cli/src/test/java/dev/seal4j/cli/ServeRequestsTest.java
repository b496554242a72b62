package dev.seal4j.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the server reads requests (issue 15, defects 9 and 10): one strict JSON value per body, every field of the
 * right type, OpenAI's parameters honoured or refused by name, no internal error for any version number, and a
 * private state with a token nobody else can read.
 */
class ServeRequestsTest {
    @TempDir
    static Path tmp;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp, TestServer.open(), 20);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A 400 (or the given status) in OpenAI's error shape naming {@code param}, with no Java in its message. */
    private static String refused(int status, TestServer.Response r, String param) {
        assertEquals(status, r.status(), r.body());
        assertEquals(param, r.json().path("error").path("param").isNull() ? null : r.json().path("error").path("param").asText(), r.body());
        String message = r.errorMessage();
        assertFalse(message.matches(".*(java\\.|Exception|\\bat \\[Source).*"), message);
        return message;
    }

    @Test
    void aVersionNumberBeyondAnIntIsAnUnknownModel() {
        for (String model : List.of("tiny@v2147483648", "v99999999999999999999", "tiny@v2147483647")) {
            String m = refused(404, server.post("/v1/chat/completions", TestServer.chat(", \"model\": \"" + model + "\""), false), null);
            assertTrue(m.startsWith("the model '" + model + "' does not exist on this server"), m);
        }
    }

    @Test
    void aBodyIsOneJsonObjectOfTheRightTypes() {
        assertTrue(refused(400, server.post("/v1/chat/completions", TestServer.chat("") + " trailing", false), null)
                .startsWith("the request body is not valid JSON: Unrecognized token 'trailing'"));
        String trailing = refused(400, server.post("/v1/chat/completions", TestServer.chat("") + "{}", false), null);
        assertTrue(trailing.startsWith("the request body is not valid JSON: there is more after the end of the value"), trailing);
        String duplicate = refused(400, server.post("/v1/chat/completions", TestServer.chat(", \"max_tokens\": 5"), false), null);
        assertTrue(duplicate.contains("Duplicate field 'max_tokens'"), duplicate);
        assertEquals("stream must be true or false, got \"yes\"",
                refused(400, server.post("/v1/chat/completions", TestServer.chat(", \"stream\": \"yes\""), false), "stream"));
        assertEquals("messages[0].content must be a string or an array of text parts, got null",
                refused(400, server.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": null}]}", false),
                        "messages[0].content"));
        refused(400, server.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\"}]}", false), "messages[0].content");
        refused(400, server.post("/v1/chat/completions", "{\"messages\": [\"hello\"]}", false), "messages[0]");
        refused(400, server.post("/v1/chat/completions", TestServer.chat(", \"seed\": \"7\""), false), "seed");
        refused(400, server.post("/v1/chat/completions", TestServer.chat(", \"seed\": 1e30"), false), "seed");
        refused(400, server.post("/v1/chat/completions", TestServer.chat(", \"stop\": [\"\"]"), false), "stop");
        refused(400, server.post("/v1/chat/completions", TestServer.chat(", \"stream_options\": {\"include_usage\": true}"), false), "stream_options");
        refused(400, server.post("/v1/chat/completions", TestServer.chat(", \"n\": 1.5"), false), "n");
        refused(400, server.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],"
                + " \"max_tokens\": 99999999999}", false), "max_tokens");
        refused(400, server.post("/v1/completions", "{\"prompt\": \"Once\", \"echo\": \"yes\"}", false), "echo");
    }

    @Test
    void openAiParametersAreHonouredOrRefusedByName() {
        assertEquals("Unrecognized request argument supplied: temprature",
                refused(400, server.post("/v1/chat/completions", TestServer.chat(", \"temprature\": 0.5"), false), "temprature"));
        for (String field : List.of("\"logprobs\": true", "\"top_logprobs\": 3", "\"tools\": [{\"type\": \"function\"}]",
                "\"response_format\": {\"type\": \"json_object\"}", "\"presence_penalty\": 0.5", "\"logit_bias\": {\"5\": 10}")) {
            String name = field.substring(1, field.indexOf('"', 1));
            String m = refused(400, server.post("/v1/chat/completions", TestServer.chat(", " + field), false), name);
            assertTrue(m.startsWith(name + " is not supported by this server"), m);
        }
        for (String field : List.of("\"best_of\": 3", "\"logprobs\": 2", "\"suffix\": \"end\"")) {
            String name = field.substring(1, field.indexOf('"', 1));
            refused(400, server.post("/v1/completions", "{\"prompt\": \"Once\", " + field + "}", false), name);
        }
        // what clients send by default asks for nothing, and is served
        assertEquals(200, server.post("/v1/chat/completions", TestServer.chat(", \"logprobs\": false, \"tools\": [], \"presence_penalty\": 0,"
                + " \"response_format\": {\"type\": \"text\"}, \"user\": \"u1\", \"stream_options\": null"), false).status());
        assertEquals(200, server.post("/v1/completions", "{\"prompt\": \"Once\", \"best_of\": 1, \"max_tokens\": 2}", false).status());

        // echo is supported: the prompt comes back before the completion
        String plain = server.post("/v1/completions", "{\"prompt\": \"Once\", \"max_tokens\": 3, \"temperature\": 0}", false)
                .json().get("choices").get(0).get("text").asText();
        String echoed = server.post("/v1/completions", "{\"prompt\": \"Once\", \"max_tokens\": 3, \"temperature\": 0, \"echo\": true}", false)
                .json().get("choices").get(0).get("text").asText();
        assertEquals("Once" + plain, echoed);
        String streamed = server.post("/v1/completions", "{\"prompt\": \"Once\", \"max_tokens\": 3, \"temperature\": 0, \"echo\": true,"
                + " \"stream\": true}", false).body();
        StringBuilder text = new StringBuilder();
        streamed.lines().filter(l -> l.startsWith("data: {")).forEach(l ->
                text.append(TestFiles.json(l.substring(6)).get("choices").get(0).get("text").asText()));
        assertEquals(echoed, text.toString());
    }

    @Test
    void theStateIsPrivateAndTheTokenFileMustBeToo() throws IOException {
        assertEquals(202, server.post("/v1/documents", TestServer.doc("Ivy Jones"), true).status());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.state.root())));
        for (Path f : List.of(server.state.ledger(), server.state.adminToken())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
        try (var queued = Files.list(server.state.queue().resolve("pending"))) {
            for (Path f : queued.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }

        Path model = TestFiles.chatModel(tmp.resolve("m"));
        Path state = tmp.resolve("weak");
        Files.createDirectories(state);
        Path token = Files.writeString(state.resolve("admin-token"), "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        String line = Cli.run("serve", "--model", model.toString(), "--state", state.toString(), "--port", "0").badInput();
        assertEquals("seal: " + token + ": the admin token is readable by others (mode rw-r--r--); make it private (chmod 600 "
                + token + ") or delete it to have a new one made", line);
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(token, "");
        line = Cli.run("serve", "--model", model.toString(), "--state", state.toString(), "--port", "0").badInput();
        assertTrue(line.contains("the admin token must be at least 32 printable characters without spaces, found 0"), line);
    }

    /** A client that declares a body and stops sending is cut off after --request-timeout, not held forever. */
    @Test
    void aStalledRequestIsClosedAfterTheRequestTimeout() throws Exception {
        Path model = TestFiles.chatModel(tmp.resolve("m-timeout"));
        try (ServeProcess serve = ServeProcess.start(tmp.resolve("timeout.log"), List.of("--model", model.toString(),
                "--state", tmp.resolve("timeout-state").toString(), "--port", "0", "--request-timeout", "2"))) {
            URI url = URI.create(serve.url);
            try (Socket s = new Socket(url.getHost(), url.getPort())) {
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"mes").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long start = System.nanoTime();
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    // whatever the server says before closing
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                assertTrue(seconds >= 1.5 && seconds < 15, "closed after " + seconds + " s");
            }
            assertEquals(200, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create(serve.url + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "the server still answers others");
        }
    }
}
