package dev.seal4j.seal.eval;

import dev.seal4j.engine.BadInputException;

/**
 * The judge endpoint cannot be used: unreachable after all retries, refusing the request (wrong URL, key or
 * model), or not answering in OpenAI's chat-completions format. One line naming the endpoint and the problem.
 */
public final class JudgeException extends BadInputException {
    public JudgeException(String message) {
        super(message);
    }

    public JudgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
