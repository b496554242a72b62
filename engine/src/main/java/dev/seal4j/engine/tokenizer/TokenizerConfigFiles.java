package dev.seal4j.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BOS, EOS and the chat template from tokenizer_config.json, generation_config.json and
 * chat_template.jinja in {@code dir}, each optional.
 */
record TokenizerConfigFiles(int bosId, List<Integer> eosIds, ChatTemplate chatTemplate) {

    static TokenizerConfigFiles read(Path dir, Map<String, Integer> ids) {
        Path configPath = dir.resolve("tokenizer_config.json");
        String bos = null;
        String eos = null;
        Map<String, String> templates = new LinkedHashMap<>();
        Set<Integer> eosIds = new LinkedHashSet<>();
        int bosId = -1;
        if (Files.isRegularFile(configPath)) {
            JsonFile config = JsonFile.read(configPath);
            bos = tokenContent(config, "bos_token");
            eos = tokenContent(config, "eos_token");
            bosId = bos == null ? -1 : idOf(config, ids, bos, "bos_token");
            if (eos != null) {
                eosIds.add(idOf(config, ids, eos, "eos_token"));
            }
            chatTemplates(config, templates);
        }
        Path jinja = dir.resolve("chat_template.jinja");
        if (templates.isEmpty() && Files.isRegularFile(jinja)) {
            try {
                templates.put(ChatTemplate.DEFAULT_NAME, Files.readString(jinja));
            } catch (IOException e) {
                throw BadInputException.inFile(jinja, "cannot read: " + e.getMessage(), e);
            }
        }
        Path generation = dir.resolve("generation_config.json");
        if (Files.isRegularFile(generation)) {
            JsonFile g = JsonFile.read(generation);
            JsonNode eosNode = JsonFile.optional(g.root, "eos_token_id");
            if (eosNode != null) {
                for (JsonNode id : eosNode.isArray() ? eosNode : List.of(eosNode)) {
                    if (!id.isIntegralNumber()) {
                        throw g.error("eos_token_id must be an integer or a list of integers");
                    }
                    eosIds.add(id.intValue());
                }
            }
        }
        ChatTemplate template;
        try {
            template = templates.isEmpty() ? null : new ChatTemplate(templates, bos, eos);
        } catch (IllegalArgumentException e) {
            throw BadInputException.inFile(configPath, e.getMessage(), e);
        }
        return new TokenizerConfigFiles(bosId, List.copyOf(eosIds), template);
    }

    /** A token field written as a string or as {"content": ...}; null when absent or null. */
    private static String tokenContent(JsonFile config, String field) {
        JsonNode n = JsonFile.optional(config.root, field);
        if (n == null) {
            return null;
        }
        if (n.isObject()) {
            return config.text(n, "content", field + ".content");
        }
        if (!n.isTextual()) {
            throw config.error(field + " must be a string or {\"content\": ...}");
        }
        return n.textValue();
    }

    private static int idOf(JsonFile config, Map<String, Integer> ids, String token, String field) {
        Integer id = ids.get(token);
        if (id == null) {
            throw config.error(field + " '" + token + "' is not in the tokenizer's vocabulary");
        }
        return id;
    }

    /** chat_template as one string or as [{"name": ..., "template": ...}, ...]. */
    private static void chatTemplates(JsonFile config, Map<String, String> templates) {
        JsonNode n = JsonFile.optional(config.root, "chat_template");
        if (n == null) {
            return;
        }
        if (n.isTextual()) {
            templates.put(ChatTemplate.DEFAULT_NAME, n.textValue());
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode t = n.get(i);
                if (!t.isObject()) {
                    throw config.error("chat_template[" + i + "] must be {\"name\": ..., \"template\": ...}");
                }
                templates.put(config.text(t, "name", "chat_template[" + i + "].name"),
                        config.text(t, "template", "chat_template[" + i + "].template"));
            }
        } else {
            throw config.error("chat_template must be a string or a list of named templates");
        }
    }
}
