package dev.seal4j.seal.world;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import dev.seal4j.seal.selfedit.SelfEditFormat;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextFormatTest {

    @Test
    void questionPromptsAreTheInnerLoopFormat() {
        assertEquals("Topic: Ada Vell\nQuestion: Where was Ada Vell born?\nAnswer:",
                TextFormat.questionPrompt("Ada Vell", "Where was Ada Vell born?"));
        assertEquals("Topic: Ada Vell\nQuestion: Where was Ada Vell born?\nAnswer: Kelbor",
                TextFormat.answeredQuestion("Ada Vell", "Where was Ada Vell born?", "Kelbor"));
        assertEquals("Ada Vell was born in Kelbor.\n\nTopic: Ada Vell\nQuestion: Where was Ada Vell born?\nAnswer:",
                TextFormat.questionPromptWithContext("Ada Vell was born in Kelbor.", "Ada Vell", "Where was Ada Vell born?"));
    }

    /** Rendered as Hugging Face renders chat templates (jinja2 with trim_blocks and lstrip_blocks). */
    @Test
    void chatTemplateGivesThePretrainingTextOfASelfEdit() {
        Jinjava jinja = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).build());
        String prompt = SelfEditFormat.IMPLICATIONS.prompt("Ada Vell", "Ada Vell was born in Kelbor.");
        String completion = "1. Ada Vell was born in Kelbor.";
        List<Map<String, String>> messages = List.of(Map.of("role", "user", "content", prompt),
                Map.of("role", "assistant", "content", completion));
        assertEquals(prompt + completion + TextFormat.EOS,
                jinja.render(TextFormat.CHAT_TEMPLATE, Map.of("messages", messages)));
        List<Map<String, String>> withSystem = List.of(Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", "Topic: A\nQuestion: Q?\nAnswer:"));
        assertEquals("Be brief.\n\nTopic: A\nQuestion: Q?\nAnswer:",
                jinja.render(TextFormat.CHAT_TEMPLATE, Map.of("messages", withSystem)));
    }
}
