package dev.seal4j.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a Hugging Face tokenizer.json (byte-level BPE) and, when present next to it, tokenizer_config.json
 * (BOS/EOS tokens, chat template), generation_config.json (extra EOS ids) and chat_template.jinja.
 */
final class TokenizerJsonReader {
    private final JsonFile json;

    private TokenizerJsonReader(JsonFile json) {
        this.json = json;
    }

    /** @param configDir the directory to look for the companion files in */
    static ByteLevelBpe read(Path tokenizerJson, Path configDir) {
        TokenizerJsonReader reader = new TokenizerJsonReader(JsonFile.read(tokenizerJson));
        JsonNode root = reader.json.root;
        JsonNode model = reader.json.object(root, "model", "model");
        String type = JsonFile.optional(model, "type") == null ? "BPE" : reader.json.text(model, "type", "model.type");
        if (!type.equals("BPE")) {
            throw reader.json.error("model.type '" + type + "' is not supported (only byte-level BPE)");
        }
        reader.requireByteLevelDecoder(root);
        reader.requireNoSubwordAffixes(model);
        Map<String, Integer> vocab = reader.vocab(model);
        List<AddedToken> added = reader.addedTokens(root);
        Map<String, Integer> allIds = new HashMap<>(vocab);
        added.forEach(t -> allIds.put(t.content(), t.id()));

        TokenizerConfigFiles config = TokenizerConfigFiles.read(configDir, allIds);
        try {
            ByteLevelBpeSpec spec = new ByteLevelBpeSpec(
                    vocab,
                    ByteLevelBpeSpec.mergeTable(vocab, reader.merges(model)),
                    reader.json.bool(model, "ignore_merges", false, "model.ignore_merges"),
                    added,
                    reader.normalizer(JsonFile.optional(root, "normalizer"), "normalizer"),
                    reader.preTokenizer(JsonFile.optional(root, "pre_tokenizer"), "pre_tokenizer"),
                    reader.postProcessor(JsonFile.optional(root, "post_processor"), "post_processor"),
                    config.bosId(), config.eosIds(), config.chatTemplate());
            return new ByteLevelBpe(spec);
        } catch (IllegalArgumentException e) {
            throw reader.json.error(e.getMessage());
        }
    }

    private void requireByteLevelDecoder(JsonNode root) {
        JsonNode decoder = JsonFile.optional(root, "decoder");
        String type = decoder == null || !decoder.isObject() ? null : JsonFile.optional(decoder, "type") == null
                ? null : decoder.get("type").asText();
        if (!"ByteLevel".equals(type)) {
            throw json.error("decoder " + (type == null ? "is missing" : "'" + type + "'")
                    + ": only byte-level BPE tokenizers (decoder ByteLevel) are supported");
        }
    }

    private void requireNoSubwordAffixes(JsonNode model) {
        for (String field : List.of("continuing_subword_prefix", "end_of_word_suffix")) {
            JsonNode n = JsonFile.optional(model, field);
            if (n != null && !n.asText().isEmpty()) {
                throw json.error("model." + field + " '" + n.asText() + "' is not supported");
            }
        }
        if (json.bool(model, "byte_fallback", false, "model.byte_fallback")) {
            throw json.error("model.byte_fallback is not supported with a ByteLevel decoder");
        }
    }

    private Map<String, Integer> vocab(JsonNode model) {
        JsonNode node = json.object(model, "vocab", "model.vocab");
        Map<String, Integer> vocab = new HashMap<>(node.size() * 2);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode id = e.getValue();
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0 || id.intValue() > Tokenizer.MAX_ID) {
                throw json.error("model.vocab['" + e.getKey() + "'] must be an integer id from 0 to " + Tokenizer.MAX_ID
                        + ", got " + id);
            }
            vocab.put(e.getKey(), id.intValue());
        }
        return vocab;
    }

    /** Merges as ["a b", ...] (older files) or [["a", "b"], ...] (newer files). */
    private List<String[]> merges(JsonNode model) {
        JsonNode node = json.array(model, "merges", "model.merges");
        List<String[]> merges = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String[] pair = null;
            if (m.isTextual()) {
                String[] parts = m.textValue().split(" ", -1);
                pair = parts.length == 2 ? parts : null;
            } else if (m.isArray() && m.size() == 2 && m.get(0).isTextual() && m.get(1).isTextual()) {
                pair = new String[] {m.get(0).textValue(), m.get(1).textValue()};
            }
            if (pair == null) {
                throw json.error("model.merges[" + i + "] must be \"left right\" or [\"left\", \"right\"], got " + m);
            }
            merges.add(pair);
        }
        return merges;
    }

    private List<AddedToken> addedTokens(JsonNode root) {
        List<AddedToken> tokens = new ArrayList<>();
        if (JsonFile.optional(root, "added_tokens") == null) {
            return tokens;
        }
        JsonNode node = json.array(root, "added_tokens", "added_tokens");
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            String where = "added_tokens[" + i + "]";
            if (!t.isObject()) {
                throw json.error(where + " must be an object");
            }
            int id = json.integer(t, "id", where + ".id");
            if (id < 0 || id > Tokenizer.MAX_ID) {
                throw json.error(where + ".id must be from 0 to " + Tokenizer.MAX_ID + ", got " + id);
            }
            boolean special = json.bool(t, "special", false, where + ".special");
            tokens.add(new AddedToken(id, json.text(t, "content", where + ".content"), special,
                    json.bool(t, "lstrip", false, where + ".lstrip"), json.bool(t, "rstrip", false, where + ".rstrip"),
                    json.bool(t, "single_word", false, where + ".single_word"),
                    json.bool(t, "normalized", !special, where + ".normalized")));
        }
        return tokens;
    }

    private TextNormalizer normalizer(JsonNode node, String where) {
        if (node == null) {
            return TextNormalizer.NONE;
        }
        String type = typeOf(node, where);
        return switch (type) {
            case "NFC", "NFD", "NFKC", "NFKD" -> new TextNormalizer(List.of(Normalizer.Form.valueOf(type)));
            case "Sequence" -> {
                JsonNode list = json.array(node, "normalizers", where + ".normalizers");
                List<Normalizer.Form> forms = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    forms.addAll(normalizer(list.get(i), where + ".normalizers[" + i + "]").forms());
                }
                yield new TextNormalizer(forms);
            }
            default -> throw json.error(where + ".type '" + type + "' is not supported (NFC, NFD, NFKC, NFKD, Sequence)");
        };
    }

    private PreTokenizer preTokenizer(JsonNode node, String where) {
        if (node == null) {
            return new PreTokenizer.Sequence(List.of());
        }
        String type = typeOf(node, where);
        return switch (type) {
            case "Split" -> {
                JsonNode pattern = json.object(node, "pattern", where + ".pattern");
                Pattern regex;
                if (JsonFile.optional(pattern, "Regex") != null) {
                    try {
                        regex = PreTokenizer.compile(json.text(pattern, "Regex", where + ".pattern.Regex"));
                    } catch (PatternSyntaxException e) {
                        throw json.error(where + ".pattern.Regex is not a valid regex: " + e.getDescription()
                                + " at index " + e.getIndex());
                    }
                } else {
                    regex = Pattern.compile(Pattern.quote(json.text(pattern, "String", where + ".pattern.String")));
                }
                yield new PreTokenizer.Split(regex, behavior(json.text(node, "behavior", where + ".behavior"), where),
                        json.bool(node, "invert", false, where + ".invert"));
            }
            case "ByteLevel" -> new PreTokenizer.ByteLevel(json.bool(node, "add_prefix_space", true, where + ".add_prefix_space"),
                    json.bool(node, "use_regex", true, where + ".use_regex"));
            case "Sequence" -> {
                JsonNode list = json.array(node, "pretokenizers", where + ".pretokenizers");
                List<PreTokenizer> steps = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    steps.add(preTokenizer(list.get(i), where + ".pretokenizers[" + i + "]"));
                }
                yield new PreTokenizer.Sequence(steps);
            }
            default -> throw json.error(where + ".type '" + type + "' is not supported (Split, ByteLevel, Sequence)");
        };
    }

    private PreTokenizer.Behavior behavior(String name, String where) {
        return switch (name) {
            case "Removed" -> PreTokenizer.Behavior.REMOVED;
            case "Isolated" -> PreTokenizer.Behavior.ISOLATED;
            case "MergedWithPrevious" -> PreTokenizer.Behavior.MERGED_WITH_PREVIOUS;
            case "MergedWithNext" -> PreTokenizer.Behavior.MERGED_WITH_NEXT;
            case "Contiguous" -> PreTokenizer.Behavior.CONTIGUOUS;
            default -> throw json.error(where + ".behavior '" + name + "' is not a Split behavior");
        };
    }

    private PostProcessor postProcessor(JsonNode node, String where) {
        if (node == null) {
            return PostProcessor.NONE;
        }
        String type = typeOf(node, where);
        return switch (type) {
            case "ByteLevel" -> PostProcessor.NONE;
            case "TemplateProcessing" -> templateProcessing(node, where);
            case "Sequence" -> {
                JsonNode list = json.array(node, "processors", where + ".processors");
                PostProcessor combined = PostProcessor.NONE;
                for (int i = 0; i < list.size(); i++) {
                    combined = postProcessor(list.get(i), where + ".processors[" + i + "]").around(combined);
                }
                yield combined;
            }
            default -> throw json.error(where + ".type '" + type
                    + "' is not supported (ByteLevel, TemplateProcessing, Sequence)");
        };
    }

    /** The "single" template: special tokens before and after the sequence $A. */
    private PostProcessor templateProcessing(JsonNode node, String where) {
        JsonNode single = json.array(node, "single", where + ".single");
        JsonNode specials = JsonFile.optional(node, "special_tokens");
        List<Integer> prefix = new ArrayList<>();
        List<Integer> suffix = new ArrayList<>();
        boolean seenSequence = false;
        for (int i = 0; i < single.size(); i++) {
            JsonNode piece = single.get(i);
            String at = where + ".single[" + i + "]";
            if (JsonFile.optional(piece, "Sequence") != null) {
                seenSequence = true;
            } else if (JsonFile.optional(piece, "SpecialToken") != null) {
                String name = json.text(piece.get("SpecialToken"), "id", at + ".SpecialToken.id");
                JsonNode special = specials == null ? null : JsonFile.optional(specials, name);
                if (special == null) {
                    throw json.error(at + ": special token '" + name + "' is not in " + where + ".special_tokens");
                }
                JsonNode ids = json.array(special, "ids", where + ".special_tokens['" + name + "'].ids");
                for (JsonNode id : ids) {
                    if (!id.canConvertToInt()) {
                        throw json.error(where + ".special_tokens['" + name + "'].ids must hold integers");
                    }
                    (seenSequence ? suffix : prefix).add(id.intValue());
                }
            } else {
                throw json.error(at + " must be {\"SpecialToken\": ...} or {\"Sequence\": ...}");
            }
        }
        return new PostProcessor(prefix.stream().mapToInt(Integer::intValue).toArray(),
                suffix.stream().mapToInt(Integer::intValue).toArray());
    }

    private String typeOf(JsonNode node, String where) {
        if (!node.isObject()) {
            throw json.error(where + " must be an object");
        }
        return json.text(node, "type", where + ".type");
    }
}
