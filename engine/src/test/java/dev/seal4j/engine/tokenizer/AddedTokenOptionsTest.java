package dev.seal4j.engine.tokenizer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * lstrip / rstrip / single_word / normalized added tokens, an NFC normalizer, ByteLevel with its GPT-2 regex,
 * merges written as strings and a Sequence post-processor, on a small hand-made tokenizer.json. The expected
 * ids and texts were produced by Hugging Face tokenizers 0.23 from the same file.
 */
class AddedTokenOptionsTest {
    private static final String[][] CASES = {
            // text, ids, ids with special, decode(ids, skip special), decode(ids with special, skip special), decode(ids)
            {"the  <L>x", "83 257 262 87", "263 83 257 262 87 262", "thex", "thex", "the<L>x"},
            {"a <R>  the", "64 220 263 83 257", "263 64 220 263 83 257 262", "a the", "a the", "a <R>the"},
            {"cat cats scat cat_ x cat", "264 220 66 64 83 82 220 82 66 64 83 220 66 64 83 62 220 87 220 264",
             "263 264 220 66 64 83 82 220 82 66 64 83 220 66 64 83 62 220 87 220 264 262",
             "cat cats scat cat_ x cat", "cat cats scat cat_ x cat", "cat cats scat cat_ x cat"},
            {"n\u0303u \u00f1u \u00f1u\u00f1u", "265 220 265 220 265 265", "263 265 220 265 220 265 265 262",
             "\ufffdu \ufffdu \ufffdu\ufffdu", "\ufffdu \ufffdu \ufffdu\ufffdu",
             "\ufffdu \ufffdu \ufffdu\ufffdu"},
            {"<L><R>cat", "262 263 264", "263 262 263 264 262", "cat", "cat", "<L><R>cat"},
            {" the the", "258 258", "263 258 258 262", " the the", " the the", " the the"},
            {"\tcat\n", "197 264 198", "263 197 264 198 262", "\tcat\n", "\tcat\n", "\tcat\n"},
            {"x<L>", "87 262", "263 87 262 262", "x", "x", "x<L>"},
            {"\u00a0<L>\u3000<R>\u00a0y", "262 159 222 222 263 88", "263 262 159 222 222 263 88 262", "\u3000y", "\u3000y", "<L>\u3000<R>y"},
    };

    @Test
    void matchesHuggingFaceTokenizers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, SharedFiles.JSON.writeValueAsString(tokenizerJson()));
        Tokenizer t = Tokenizers.load(file);
        for (String[] c : CASES) {
            int[] ids = t.encode(c[0]);
            int[] withSpecial = t.encodeWithSpecial(c[0]);
            assertEquals(c[1], join(ids), c[0]);
            assertEquals(c[2], join(withSpecial), c[0]);
            assertEquals(c[3], t.decode(ids, true), c[0]);
            assertEquals(c[4], t.decode(withSpecial, true), c[0]);
            assertEquals(c[5], t.decode(ids), c[0]);
        }
    }

    /** 256 byte tokens in GPT-2's order, six merges, four added tokens (ids 262..265). */
    private static ObjectNode tokenizerJson() {
        ObjectNode root = SharedFiles.JSON.createObjectNode();
        ArrayNode added = root.putArray("added_tokens");
        addToken(added, 262, "<L>", true, false, false, false, true);
        addToken(added, 263, "<R>", false, true, false, false, true);
        addToken(added, 264, "cat", false, false, true, false, false);
        addToken(added, 265, "\u00f1u", false, false, false, true, false);
        root.putObject("normalizer").put("type", "Sequence").putArray("normalizers").addObject().put("type", "NFC");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false).put("use_regex", true);
        ObjectNode post = root.putObject("post_processor").put("type", "Sequence");
        ArrayNode processors = post.putArray("processors");
        processors.addObject().put("type", "ByteLevel");
        ObjectNode template = processors.addObject().put("type", "TemplateProcessing");
        ArrayNode single = template.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", "<R>").put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", "<L>").put("type_id", 0);
        ObjectNode specials = template.putObject("special_tokens");
        specials.putObject("<R>").put("id", "<R>").putArray("ids").add(263);
        specials.putObject("<L>").put("id", "<L>").putArray("ids").add(262);
        root.putObject("decoder").put("type", "ByteLevel");
        ObjectNode model = root.putObject("model").put("type", "BPE");
        ObjectNode vocab = model.putObject("vocab");
        for (char c = 0; c < 324; c++) {
            if (ByteLevelAlphabet.byteOf(c) >= 0) {
                vocab.put(String.valueOf(c), vocab.size());
            }
        }
        ArrayNode merges = model.putArray("merges");
        for (String m : new String[] {"Ġ t", "h e", "Ġt he", "w o", "r d", "wo rd"}) {
            merges.add(m);
            vocab.put(m.replace(" ", ""), vocab.size());
        }
        return root;
    }

    private static void addToken(ArrayNode added, int id, String content, boolean lstrip, boolean rstrip,
                                 boolean singleWord, boolean normalized, boolean special) {
        added.addObject().put("id", id).put("content", content).put("single_word", singleWord).put("lstrip", lstrip)
                .put("rstrip", rstrip).put("normalized", normalized).put("special", special);
    }

    private static String join(int[] ids) {
        return String.join(" ", Arrays.stream(ids).mapToObj(String::valueOf).toList());
    }
}
