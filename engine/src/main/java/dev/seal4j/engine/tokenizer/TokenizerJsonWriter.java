package dev.seal4j.engine.tokenizer;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a trained byte-level BPE as Hugging Face's tokenizer.json (the schema the tokenizers library reads)
 * and tokenizer_config.json.
 */
final class TokenizerJsonWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Indented like Python's json.dump(indent=2): "key": value. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private TokenizerJsonWriter() {
    }

    static void write(Path dir, TrainedBpe bpe, TrainedBpe.Config config) {
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve("tokenizer.json"), tokenizerJson(bpe, config));
            writeAtomically(dir.resolve("tokenizer_config.json"), tokenizerConfig(bpe, config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tokenizer to " + dir, e);
        }
    }

    private static ObjectNode tokenizerJson(TrainedBpe bpe, TrainedBpe.Config config) {
        ObjectNode root = F.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (AddedToken t : bpe.specialTokens()) {
            added.addObject().put("id", t.id()).put("content", t.content()).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        ObjectNode split = steps.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", bpe.preTokenizerRegex());
        split.put("behavior", "Isolated").put("invert", false);
        steps.add(byteLevel());
        root.set("post_processor", config.addBosToken() && config.bosToken() != null
                ? prependBos(config.bosToken(), bpe.vocab().indexOf(config.bosToken())) : byteLevel());
        root.set("decoder", byteLevel());
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout");
        model.putNull("unk_token").putNull("continuing_subword_prefix").putNull("end_of_word_suffix");
        model.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < bpe.vocab().size(); id++) {
            vocab.put(bpe.vocab().get(id), id);
        }
        ArrayNode merges = model.putArray("merges");
        for (String[] m : bpe.merges()) {
            merges.addArray().add(m[0]).add(m[1]);
        }
        return root;
    }

    private static ObjectNode byteLevel() {
        return F.objectNode().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false)
                .put("use_regex", false);
    }

    /** TemplateProcessing that puts BOS before each sequence. */
    private static ObjectNode prependBos(String bos, int bosId) {
        ObjectNode node = F.objectNode().put("type", "TemplateProcessing");
        ArrayNode single = node.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = node.putArray("pair");
        pair.addAll(single.deepCopy());
        pair.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 1);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode special = node.putObject("special_tokens").putObject(bos);
        special.put("id", bos);
        special.putArray("ids").add(bosId);
        special.putArray("tokens").add(bos);
        return node;
    }

    private static ObjectNode tokenizerConfig(TrainedBpe bpe, TrainedBpe.Config config) {
        ObjectNode root = F.objectNode();
        root.put("add_bos_token", config.addBosToken());
        root.put("add_eos_token", false);
        ObjectNode decoder = root.putObject("added_tokens_decoder");
        for (AddedToken t : bpe.specialTokens()) {
            decoder.putObject(String.valueOf(t.id())).put("content", t.content()).put("lstrip", false)
                    .put("normalized", false).put("rstrip", false).put("single_word", false).put("special", true);
        }
        root.put("bos_token", config.bosToken());
        root.put("eos_token", config.eosToken());
        if (config.chatTemplate() != null) {
            root.put("chat_template", config.chatTemplate());
        }
        root.put("clean_up_tokenization_spaces", false);
        root.put("model_max_length", 1_000_000_000);
        root.put("tokenizer_class", "PreTrainedTokenizerFast");
        return root;
    }

    private static void writeAtomically(Path file, ObjectNode json) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            byte[] bytes = JsonFile.MAPPER.writer(PRETTY).writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
