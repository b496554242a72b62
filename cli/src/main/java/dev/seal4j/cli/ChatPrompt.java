package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.tokenizer.ChatTemplate;
import dev.seal4j.engine.tokenizer.Tokenizer;

import java.util.List;
import java.util.Map;

/**
 * A conversation as the model's input: rendered with the tokenizer's chat template with the generation prompt
 * appended, then tokenized without adding special tokens (the template writes them), as Hugging Face's
 * apply_chat_template(tokenize=True, add_generation_prompt=True) does.
 */
final class ChatPrompt {
    private ChatPrompt() {
    }

    static int[] encode(Tokenizer tokenizer, List<Map<String, String>> messages, String flag) {
        return tokenizer.encode(template(tokenizer, flag).render(messages, true));
    }

    /** The tokenizer's chat template; {@code flag} names what needs it in the error when there is none. */
    static ChatTemplate template(Tokenizer tokenizer, String flag) {
        return tokenizer.chatTemplate().orElseThrow(() -> new BadInputException(
                flag + ": the tokenizer has no chat template (tokenizer_config.json chat_template or chat_template.jinja)"));
    }

    static Map<String, String> message(String role, String content) {
        return Map.of("role", role, "content", content);
    }
}
