package dev.seal4j.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.generate.SamplingSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * The sampling fields of an OpenAI completion request: max_tokens (or max_completion_tokens), temperature,
 * top_p, stop, seed, n, stream and stream_options.include_usage. Values outside their range are 400s naming
 * the field.
 */
record SamplingRequest(String model, int maxTokens, float temperature, float topP, List<String> stop, long seed, int n,
                       boolean stream, boolean includeUsage) {
    static final int MAX_CHOICES = 4;

    static SamplingRequest parse(JsonNode body, ServerLimits limits) {
        String model = Http.optionalText(body, "model");
        Http.optionalText(body, "user");
        String tokensField = body.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        int maxTokens = body.hasNonNull(tokensField) ? integer(body, tokensField) : limits.defaultMaxTokens();
        if (maxTokens < 1 || maxTokens > limits.maxTokens()) {
            throw ApiError.invalid(tokensField, tokensField + " must be between 1 and " + limits.maxTokens()
                    + " on this server, got " + maxTokens);
        }
        float temperature = (float) number(body, "temperature", 1.0);
        if (!(temperature >= 0 && temperature <= 2)) {
            throw ApiError.invalid("temperature", "temperature must be between 0 and 2, got " + temperature);
        }
        float topP = (float) number(body, "top_p", 1.0);
        if (!(topP > 0 && topP <= 1)) {
            throw ApiError.invalid("top_p", "top_p must be in (0, 1], got " + topP);
        }
        int n = body.hasNonNull("n") ? integer(body, "n") : 1;
        if (n < 1 || n > MAX_CHOICES) {
            throw ApiError.invalid("n", "n must be between 1 and " + MAX_CHOICES + ", got " + n);
        }
        long seed = body.hasNonNull("seed") ? seed(body.get("seed")) : System.nanoTime();
        boolean stream = bool(body, "stream");
        JsonNode options = body.get("stream_options");
        boolean usage = false;
        if (options != null && !options.isNull()) {
            if (!options.isObject() || !stream) {
                throw ApiError.invalid("stream_options", "stream_options must be an object {include_usage}, and only with stream: true");
            }
            usage = bool(options, "include_usage");
        }
        return new SamplingRequest(model, maxTokens, temperature, topP, stop(body), seed, n, stream, usage);
    }

    SamplingSettings settings() {
        return new SamplingSettings(temperature, 0, topP, 1f, seed, maxTokens, stop, false);
    }

    private static List<String> stop(JsonNode body) {
        JsonNode s = body.get("stop");
        List<String> out = new ArrayList<>();
        if (s == null || s.isNull()) {
            return out;
        }
        if (s.isTextual()) {
            out.add(s.asText());
        } else if (s.isArray() && s.size() <= 4) {
            s.forEach(x -> out.add(x.isTextual() ? x.asText() : null));
        }
        if (out.isEmpty() && !(s.isArray() && s.isEmpty()) || out.contains(null) || out.contains("")) {
            throw ApiError.invalid("stop", "stop must be a non-empty string or an array of up to 4 of them");
        }
        return out;
    }

    private static int integer(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (!n.isIntegralNumber()) {
            throw ApiError.invalid(field, field + " must be an integer, got " + Http.shown(n));
        }
        if (!n.canConvertToInt()) {
            throw ApiError.invalid(field, field + " is out of range: " + Http.shown(n));
        }
        return n.asInt();
    }

    private static long seed(JsonNode n) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ApiError.invalid("seed", "seed must be an integer within 64 bits, got " + Http.shown(n));
        }
        return n.asLong();
    }

    /** An optional boolean: absent or null is false; anything but true or false is a 400. */
    private static boolean bool(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw ApiError.invalid(field, field + " must be true or false, got " + Http.shown(n));
        }
        return n.booleanValue();
    }

    private static double number(JsonNode body, String field, double otherwise) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return otherwise;
        }
        if (!n.isNumber()) {
            throw ApiError.invalid(field, field + " must be a number, got " + Http.shown(n));
        }
        return n.asDouble();
    }
}
