package dev.seal4j.engine.tokenizer;

import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.seal4j.engine.BadInputException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's chat template (the Jinja template in tokenizer_config.json) that turns a conversation into the
 * prompt text the model was trained on. Rendered as Hugging Face transformers renders it
 * ({@code apply_chat_template}): Jinja2 with trim_blocks and lstrip_blocks, variables {@code messages},
 * {@code add_generation_prompt}, {@code bos_token}, {@code eos_token} and any extra ones ({@code tools},
 * {@code documents}, {@code enable_thinking}, ...). See {@link JinjaRewriter} for how the differences between
 * Jinja2 and Jinjava are bridged. Immutable and thread-safe.
 */
public final class ChatTemplate {
    /** The name of the template used when a tokenizer has several. */
    public static final String DEFAULT_NAME = "default";
    private static final String TOOL_USE_NAME = "tool_use";

    private final Map<String, String> sources;     // name -> template as written
    private final Map<String, String> rewritten;   // name -> template for Jinjava
    private final String bosToken;
    private final String eosToken;

    /**
     * @param templates by name; a single template is named {@link #DEFAULT_NAME}
     * @param bosToken  the text of the BOS token, or null
     * @param eosToken  the text of the EOS token, or null
     * @throws IllegalArgumentException when a template cannot be lexed
     */
    public ChatTemplate(Map<String, String> templates, String bosToken, String eosToken) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no chat template given");
        }
        this.sources = Map.copyOf(templates);
        this.rewritten = new HashMap<>();
        templates.forEach((name, source) -> {
            try {
                rewritten.put(name, JinjaRewriter.rewrite(source));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("chat template '" + name + "': " + e.getMessage(), e);
            }
        });
        this.bosToken = bosToken;
        this.eosToken = eosToken;
    }

    /** One template named {@link #DEFAULT_NAME}. */
    public static ChatTemplate of(String template, String bosToken, String eosToken) {
        return new ChatTemplate(Map.of(DEFAULT_NAME, template), bosToken, eosToken);
    }

    /** The template as written (the default one when there are several). */
    public String source() {
        return sources.getOrDefault(DEFAULT_NAME, sources.values().iterator().next());
    }

    /** Every template as written, by name. */
    public Map<String, String> sources() {
        return sources;
    }

    /** The conversation as prompt text; {@code messages} are maps with "role", "content" and maybe "tool_calls". */
    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt) {
        return render(messages, addGenerationPrompt, Map.of());
    }

    /**
     * @param extra further template variables ("tools", "documents", "enable_thinking", ...); they override
     *              the defaults
     * @throws BadInputException when the template raises an exception (e.g. a role it does not accept) or fails
     */
    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt, Map<String, ?> extra) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (bosToken != null) {
            variables.put("bos_token", bosToken);
        }
        if (eosToken != null) {
            variables.put("eos_token", eosToken);
        }
        variables.put("messages", messages);
        variables.put("add_generation_prompt", addGenerationPrompt);
        variables.putAll(extra);
        String name = extra.get("tools") != null && rewritten.containsKey(TOOL_USE_NAME) ? TOOL_USE_NAME
                : rewritten.containsKey(DEFAULT_NAME) ? DEFAULT_NAME : rewritten.keySet().iterator().next();
        RenderResult result = PythonJinjava.JINJAVA.renderForResult(rewritten.get(name), variables);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw failure(error);
            }
        }
        return result.getOutput();
    }

    private static BadInputException failure(TemplateError error) {
        for (Throwable t = error.getException(); t != null; t = t.getCause()) {
            if (t instanceof PythonJinjava.TemplateRaised raised) {
                return new BadInputException("chat template: " + raised.getMessage());
            }
        }
        return new BadInputException("chat template, line " + error.getLineno() + ": " + error.getMessage());
    }
}
