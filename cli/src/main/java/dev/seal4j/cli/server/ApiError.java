package dev.seal4j.cli.server;

import java.time.Duration;

/**
 * A request the server will not serve, answered in OpenAI's error format:
 * {@code {"error": {"message", "type", "param", "code"}}} with an HTTP 4xx (or 5xx) status.
 *
 * @see #json()
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final Duration retryAfter;

    public ApiError(int status, String type, String code, String param, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfter = retryAfter;
    }

    public static ApiError invalid(String param, String message) {
        return new ApiError(400, "invalid_request_error", "invalid_value", param, message, null);
    }

    public static ApiError notFound(String code, String message) {
        return new ApiError(404, "invalid_request_error", code, null, message, null);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "authentication_error", "invalid_api_key", null, message, null);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "invalid_request_error", "request_too_large", null, message, null);
    }

    public static ApiError methodNotAllowed(String method, String path, String allowed) {
        return new ApiError(405, "invalid_request_error", "method_not_allowed", null,
                method + " " + path + " is not supported; use " + allowed, null);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "invalid_request_error", "conflict", null, message, null);
    }

    public static ApiError rateLimited(String message, Duration retryAfter) {
        return new ApiError(429, "rate_limit_exceeded", "rate_limit_exceeded", null, message, retryAfter);
    }

    public int status() {
        return status;
    }

    /** Seconds for a Retry-After header, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The body. */
    public java.util.Map<String, Object> json() {
        java.util.Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return java.util.Map.of("error", error);
    }
}
