package dev.seal4j.seal.world;

/**
 * The text conventions shared by pretraining and the SEAL stages: the question–answer format the inner loop
 * asks in (without the passage), its with-passage variant, the end-of-document marker, and the chat template
 * written into tokenizer_config.json.
 */
public final class TextFormat {
    /** Ends every pretraining document; the tokenizer's EOS token. */
    public static final String EOS = "<|endoftext|>";
    /**
     * The world model is a base (completion) model: the chat template concatenates the messages unchanged, so a
     * SEAL prompt sent as a user message and the completion as the assistant's reply give exactly the
     * pretraining text "prompt + completion + EOS". System text, if any, comes first followed by a blank line.
     */
    public static final String CHAT_TEMPLATE = "{% for message in messages %}"
            + "{% if message['role'] == 'system' %}{{ message['content'] }}\n\n"
            + "{% elif message['role'] == 'assistant' %}{{ message['content'] }}" + EOS
            + "{% else %}{{ message['content'] }}{% endif %}"
            + "{% endfor %}";
    /** Separates question–answer blocks (and the passage from the first block). */
    public static final String BLOCK_SEPARATOR = "\n\n";

    private TextFormat() {
    }

    /** The no-context question prompt: "Topic: {title}\nQuestion: {question}\nAnswer:"; the model continues. */
    public static String questionPrompt(String title, String question) {
        return "Topic: " + title + "\nQuestion: " + question + "\nAnswer:";
    }

    /** A question with its answer, as pretraining shows it: the prompt, a space, the answer. */
    public static String answeredQuestion(String title, String question, String answer) {
        return questionPrompt(title, question) + " " + answer;
    }

    /** The with-context variant: the passage, a blank line, then the question prompt. */
    public static String questionPromptWithContext(String context, String title, String question) {
        return context + BLOCK_SEPARATOR + questionPrompt(title, question);
    }
}
