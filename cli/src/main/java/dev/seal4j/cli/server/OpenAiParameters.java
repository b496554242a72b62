package dev.seal4j.cli.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fields of an OpenAI completion request and what this server does with each — the one list of them. As
 * the OpenAI API does, a field it does not know is a 400 naming it ("Unrecognized request argument supplied"),
 * never silently ignored. OpenAI features this server does not have (log-probabilities, tools, structured
 * output, penalties, best-of) are accepted only at the value that asks for nothing, so that clients which send
 * their defaults work, and refused with a 400 naming the field otherwise.
 */
final class OpenAiParameters {
    /** Honoured by both endpoints (see {@link SamplingRequest}). */
    private static final Set<String> COMMON = Set.of("model", "max_tokens", "max_completion_tokens", "temperature", "top_p",
            "stop", "seed", "n", "stream", "stream_options", "user");
    private static final Set<String> CHAT = Set.of("messages");
    private static final Set<String> TEXT = Set.of("prompt", "echo");

    private static final Predicate<JsonNode> ABSENT = JsonNode::isNull;
    private static final Predicate<JsonNode> ZERO = n -> n.isNull() || n.isNumber() && n.doubleValue() == 0;
    private static final Predicate<JsonNode> FALSE = n -> n.isNull() || n.isBoolean() && !n.booleanValue();
    private static final Predicate<JsonNode> EMPTY = n -> n.isNull() || (n.isArray() || n.isObject()) && n.isEmpty();

    /** Features this server does not have, each with the values that ask for nothing of it. */
    private static final Map<String, Predicate<JsonNode>> UNSUPPORTED = Map.ofEntries(
            Map.entry("logprobs", FALSE.or(ZERO)),
            Map.entry("top_logprobs", ZERO),
            Map.entry("presence_penalty", ZERO),
            Map.entry("frequency_penalty", ZERO),
            Map.entry("logit_bias", EMPTY),
            Map.entry("tools", EMPTY),
            Map.entry("functions", EMPTY),
            Map.entry("tool_choice", ABSENT.or(n -> n.isTextual() && n.textValue().equals("none"))),
            Map.entry("function_call", ABSENT.or(n -> n.isTextual() && n.textValue().equals("none"))),
            Map.entry("parallel_tool_calls", ABSENT.or(JsonNode::isBoolean)),
            Map.entry("response_format", ABSENT.or(n -> n.isObject() && n.size() == 1 && n.path("type").asText().equals("text"))),
            Map.entry("best_of", ABSENT.or(n -> n.isIntegralNumber() && n.intValue() == 1)),
            Map.entry("suffix", ABSENT.or(n -> n.isTextual() && n.textValue().isEmpty())),
            Map.entry("store", FALSE),
            Map.entry("metadata", EMPTY),
            Map.entry("service_tier", ABSENT.or(n -> n.isTextual() && Set.of("auto", "default").contains(n.textValue()))),
            Map.entry("modalities", ABSENT.or(n -> n.isArray() && n.size() == 1 && n.get(0).asText().equals("text"))),
            Map.entry("reasoning_effort", ABSENT),
            Map.entry("prediction", ABSENT),
            Map.entry("audio", ABSENT));

    private OpenAiParameters() {
    }

    /** Refuses (400) a field the endpoint does not know, or an unsupported feature asked for. */
    static void check(JsonNode body, boolean chat) {
        for (String field : (Iterable<String>) body::fieldNames) {
            if (COMMON.contains(field) || (chat ? CHAT : TEXT).contains(field)) {
                continue;
            }
            Predicate<JsonNode> asksForNothing = UNSUPPORTED.get(field);
            if (asksForNothing == null) {
                throw new ApiError(400, "invalid_request_error", "unknown_parameter", field,
                        "Unrecognized request argument supplied: " + field, null);
            }
            if (!asksForNothing.test(body.get(field))) {
                throw new ApiError(400, "invalid_request_error", "unsupported_parameter", field,
                        field + " is not supported by this server; leave it out (got " + Http.shown(body.get(field)) + ")", null);
            }
        }
    }
}
