package dev.seal4j.engine.tokenizer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The chat templates of Qwen3 and Llama 3 must render exactly as Python's jinja2 did (shared references). */
class ChatTemplateReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"qwen3", "llama3"})
    void rendersLikeJinja2(String model) {
        Path dir = SharedFiles.require("tokenizers/" + model);
        ChatTemplate template = SharedFiles.tokenizer("tokenizers/" + model).chatTemplate().orElseThrow();
        for (JsonNode line : SharedFiles.jsonLines(dir.resolve("reference_chat.jsonl"))) {
            List<Map<String, Object>> messages = SharedFiles.JSON.convertValue(line.get("messages"), new TypeReference<>() { });
            Map<String, Object> extra = SharedFiles.JSON.convertValue(line.get("extra"), new TypeReference<>() { });
            boolean generationPrompt = line.get("add_generation_prompt").booleanValue();
            assertEquals(line.get("rendered").textValue(), template.render(messages, generationPrompt, extra),
                    model + " " + line.get("messages") + " add_generation_prompt=" + generationPrompt);
        }
    }
}
