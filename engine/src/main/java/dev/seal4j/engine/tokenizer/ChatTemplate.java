package dev.seal4j.engine.tokenizer;

import java.util.List;
import java.util.Map;

/** placeholder */
public final class ChatTemplate {
    public static final String DEFAULT_NAME = "default";
    private final Map<String, String> templates;
    private final String bosToken;
    private final String eosToken;

    ChatTemplate(Map<String, String> templates, String bosToken, String eosToken) {
        this.templates = Map.copyOf(templates);
        this.bosToken = bosToken;
        this.eosToken = eosToken;
    }

    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt) {
        throw new UnsupportedOperationException();
    }
}
