package dev.seal4j.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.continual.ServedVersion;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * POST /v1/chat/completions and POST /v1/completions. Each request pins the version it starts on (a switch
 * in the meantime does not affect it), renders its prompt (the chat template for chat), and answers with one
 * JSON object or, with {@code stream: true}, server-sent chunks.
 */
final class CompletionsEndpoint {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final boolean chat;
    private final ModelVersions versions;
    private final Tokenizer tokenizer;
    private final ServerLimits limits;
    private final ServerMetrics metrics;
    private final Semaphore running;

    private CompletionsEndpoint(boolean chat, ModelVersions versions, Tokenizer tokenizer, ServerLimits limits,
                                ServerMetrics metrics, Semaphore running) {
        this.chat = chat;
        this.versions = versions;
        this.tokenizer = tokenizer;
        this.limits = limits;
        this.metrics = metrics;
        this.running = running;
    }

    /** The chat and the text endpoint, sharing one limit on concurrent generations. */
    static List<CompletionsEndpoint> both(ModelVersions versions, Tokenizer tokenizer, ServerLimits limits, ServerMetrics metrics) {
        Semaphore running = new Semaphore(limits.maxConcurrent(), true);
        return List.of(new CompletionsEndpoint(true, versions, tokenizer, limits, metrics, running),
                new CompletionsEndpoint(false, versions, tokenizer, limits, metrics, running));
    }

    void handle(HttpExchange ex) throws IOException {
        JsonNode body = Http.readObject(ex, limits.maxBodyBytes());
        OpenAiParameters.check(body, chat);
        SamplingRequest s = SamplingRequest.parse(body, limits);
        String promptText = chat ? null : textPrompt(body);
        String echo = !chat && echo(body) ? promptText : "";
        int[] prompt = chat ? chatPrompt(body) : tokenizer.encodeWithSpecial(promptText);
        try (ServedVersion.Lease lease = versions.lease(s.model())) {
            int context = lease.version().model().config().contextLength();
            if (prompt.length >= context) {
                throw new ApiError(400, "invalid_request_error", "context_length_exceeded", chat ? "messages" : "prompt",
                        "the prompt has " + prompt.length + " tokens; this model's context is " + context, null);
            }
            String id = (chat ? "chatcmpl-" : "cmpl-") + HexFormat.of().formatHex(RANDOM.generateSeed(12));
            String model = versions.idOf(lease.version().manifest());
            Generator generator = new Generator(lease.version().model(), tokenizer);
            running.acquireUninterruptibly();
            try {
                if (s.stream()) {
                    stream(ex, generator, prompt, s, id, model, echo);
                } else {
                    List<Generator.Output> outs = generate(generator, prompt, s, null);
                    Http.send(ex, 200, response(id, model, outs, prompt.length, echo));
                }
            } finally {
                running.release();
            }
        }
    }

    private List<Generator.Output> generate(Generator g, int[] prompt, SamplingRequest s, Generator.Listener listener) {
        try {
            List<Generator.Output> outs = g.generate(List.of(prompt), s.n(), s.settings(), null, listener);
            metrics.tokens(prompt.length, outs.stream().mapToInt(o -> o.tokens().length).sum());
            return outs;
        } catch (BadInputException e) {
            throw ApiError.invalid(null, e.getMessage());
        }
    }

    /** Server-sent chunks; {@code echo} (text completions) is each choice's first chunk. */
    private void stream(HttpExchange ex, Generator g, int[] prompt, SamplingRequest s, String id, String model, String echo)
            throws IOException {
        long created = System.currentTimeMillis() / 1000;
        try (SseWriter sse = new SseWriter(ex)) {
            for (int i = 0; i < s.n(); i++) {
                if (chat) {
                    sse.event(chunk(id, created, model, i, Map.of("role", "assistant", "content", ""), null));
                } else if (!echo.isEmpty()) {
                    sse.event(chunk(id, created, model, i, echo, null));
                }
            }
            List<Generator.Output> outs = generate(g, prompt, s, (i, delta) ->
                    sse.event(chunk(id, created, model, i, chat ? Map.of("content", delta) : delta, null)));
            for (int i = 0; i < outs.size(); i++) {
                sse.event(chunk(id, created, model, i, chat ? Map.of() : "", finish(outs.get(i))));
            }
            if (s.includeUsage()) {
                Map<String, Object> last = envelope(id, created, model, true);
                last.put("choices", List.of());
                last.put("usage", usage(prompt.length, outs));
                sse.event(last);
            }
        }
    }

    private Map<String, Object> chunk(String id, long created, String model, int index, Object delta, String finish) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", index);
        choice.put(chat ? "delta" : "text", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finish);
        Map<String, Object> c = envelope(id, created, model, true);
        c.put("choices", List.of(choice));
        return c;
    }

    /** The whole answer; {@code echo} (text completions) precedes each choice's text. */
    private Map<String, Object> response(String id, String model, List<Generator.Output> outs, int promptTokens, String echo) {
        List<Object> choices = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", i);
            if (chat) {
                choice.put("message", Map.of("role", "assistant", "content", outs.get(i).text()));
            } else {
                choice.put("text", echo + outs.get(i).text());
            }
            choice.put("logprobs", null);
            choice.put("finish_reason", finish(outs.get(i)));
            choices.add(choice);
        }
        Map<String, Object> r = envelope(id, System.currentTimeMillis() / 1000, model, false);
        r.put("choices", choices);
        r.put("usage", usage(promptTokens, outs));
        return r;
    }

    private Map<String, Object> envelope(String id, long created, String model, boolean chunk) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("object", chat ? (chunk ? "chat.completion.chunk" : "chat.completion") : "text_completion");
        r.put("created", created);
        r.put("model", model);
        r.put("system_fingerprint", model);
        return r;
    }

    private static Map<String, Object> usage(int prompt, List<Generator.Output> outs) {
        int completion = outs.stream().mapToInt(o -> o.tokens().length).sum();
        return Map.of("prompt_tokens", prompt, "completion_tokens", completion, "total_tokens", prompt + completion);
    }

    private static String finish(Generator.Output o) {
        return o.finishReason() == Generator.FinishReason.LENGTH ? "length" : "stop";
    }

    private int[] chatPrompt(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiError.invalid("messages", "'messages' must be a non-empty array of {role, content}");
        }
        List<Map<String, String>> list = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw ApiError.invalid("messages[" + i + "]", "messages[" + i + "] must be an object {role, content}, got " + Http.shown(m));
            }
            String role = m.path("role").asText("");
            if (!List.of("system", "developer", "user", "assistant", "tool").contains(role)) {
                throw ApiError.invalid("messages[" + i + "].role", "messages[" + i + "].role must be system, developer, "
                        + "user, assistant or tool, got '" + role + "'");
            }
            list.add(Map.of("role", role.equals("developer") ? "system" : role, "content", content(m.get("content"), i)));
        }
        var template = tokenizer.chatTemplate().orElseThrow(() -> ApiError.invalid("messages",
                "this model has no chat template; use POST /v1/completions with a prompt"));
        return tokenizer.encode(template.render(list, true));
    }

    /**
     * A message's content: a string, or an array of {type: "text", text} parts joined. Null (OpenAI's content
     * of an assistant message that only calls tools) is refused: this server has no tools.
     */
    private static String content(JsonNode c, int i) {
        String where = "messages[" + i + "].content";
        if (c != null && c.isTextual()) {
            return c.asText();
        }
        if (c != null && c.isArray()) {
            StringBuilder text = new StringBuilder();
            for (int p = 0; p < c.size(); p++) {
                JsonNode part = c.get(p);
                if (!part.path("type").asText().equals("text")) {
                    throw ApiError.invalid(where, "only text content parts are supported, got " + Http.shown(part.path("type")));
                }
                if (!part.path("text").isTextual()) {
                    throw ApiError.invalid(where, where + "[" + p + "].text must be a string");
                }
                text.append(part.path("text").asText());
            }
            return text.toString();
        }
        throw ApiError.invalid(where, where + " must be a string or an array of text parts, got "
                + (c == null ? "nothing" : Http.shown(c)));
    }

    /** echo (text completions): the prompt is returned before the completion. */
    private static boolean echo(JsonNode body) {
        JsonNode e = body.get("echo");
        if (e == null || e.isNull()) {
            return false;
        }
        if (!e.isBoolean()) {
            throw ApiError.invalid("echo", "echo must be true or false, got " + Http.shown(e));
        }
        return e.booleanValue();
    }

    private static String textPrompt(JsonNode body) {
        JsonNode p = body.get("prompt");
        if (p != null && p.isArray() && p.size() == 1 && p.get(0).isTextual()) {
            return p.get(0).asText();
        }
        if (p == null || !p.isTextual()) {
            throw ApiError.invalid("prompt", "'prompt' must be a string (or an array of one string)");
        }
        return p.asText();
    }
}
