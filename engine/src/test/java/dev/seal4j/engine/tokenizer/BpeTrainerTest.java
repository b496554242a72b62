package dev.seal4j.engine.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BpeTrainerTest {
    private static final List<String> SPECIALS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    @Test
    void tinyCorpusMergesTheMostFrequentPairsFirst() {
        // words: "ab" x1, " ab" x2, " abc" x1 -> pairs (a,b):4, (Ġ,a):3, (b,c):1
        TrainedBpe bpe = BpeTrainer.train(List.of("ab ab ab abc"), BpeTrainer.Options.of(256 + 3, List.of()));
        assertEquals(List.of("a b", "Ġ ab", "Ġab c"), bpe.merges().stream().map(m -> m[0] + " " + m[1]).toList());
        assertEquals(List.of("ab", "Ġab", "Ġabc"), bpe.vocab().subList(256, 259));
        assertEquals("!", bpe.vocab().get(0), "byte tokens in GPT-2's order");
        assertEquals("Ġ", bpe.vocab().get(220));
    }

    @Test
    void specialTokensTakeTheFirstIdsOrTheLast() {
        List<String> corpus = corpus(50);
        TrainedBpe first = BpeTrainer.train(corpus, BpeTrainer.Options.of(300, SPECIALS));
        assertEquals(SPECIALS, first.vocab().subList(0, 3));
        TrainedBpe last = BpeTrainer.train(corpus, new BpeTrainer.Options(300, BpeTrainer.GPT2_REGEX, SPECIALS, false));
        assertEquals(SPECIALS, last.vocab().subList(297, 300));
        assertEquals(300, last.vocab().size());
    }

    @Test
    void savedTokenizerReloadsAndEncodesLikeTheTrainer(@TempDir Path dir) {
        List<String> corpus = corpus(300);
        TrainedBpe bpe = BpeTrainer.train(corpus, BpeTrainer.Options.of(340, SPECIALS));
        String template = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}";
        bpe.save(dir, new TrainedBpe.Config("<|endoftext|>", "<|im_end|>", true, template));
        Tokenizer loaded = Tokenizers.load(dir);
        assertEquals(340, loaded.vocabSize());
        assertEquals(0, loaded.bosId());
        assertEquals(List.of(2), loaded.eosIds());
        assertTrue(loaded.isSpecial(1) && !loaded.isSpecial(300));
        Pattern split = PreTokenizer.compile(BpeTrainer.GPT2_REGEX);
        for (String text : corpus) {
            int[] ids = loaded.encode(text);
            assertEquals(Arrays.toString(trainersOwnEncoding(bpe, split, text)), Arrays.toString(ids), text);
            assertEquals(text, loaded.decode(ids));
            assertEquals(0, loaded.encodeWithSpecial(text)[0]);
        }
        assertArrayEquals(new int[] {1}, loaded.encode("<|im_start|>"));
        assertEquals("<|im_start|>user\nhi<|im_end|>\n", loaded.chatTemplate().orElseThrow()
                .render(List.of(Map.of("role", "user", "content", "hi")), false));
    }

    @Test
    void stopsEarlyWhenNoPairIsLeft() {
        // (a,b) and (b,c) both occur twice: the smaller pair (a,b) wins; then (ab,c) x2, then (Ġ,abc) x1
        TrainedBpe bpe = BpeTrainer.train(List.of("abc abc"), BpeTrainer.Options.of(1000, List.of()));
        assertEquals(List.of("ab", "abc", "Ġabc"), bpe.vocab().subList(256, bpe.vocab().size()));
    }

    @Test
    void trainingIsDeterministic() {
        List<String> corpus = corpus(200);
        TrainedBpe a = BpeTrainer.train(corpus, BpeTrainer.Options.of(330, SPECIALS));
        TrainedBpe b = BpeTrainer.train(corpus, BpeTrainer.Options.of(330, SPECIALS));
        assertEquals(a.vocab(), b.vocab());
        assertEquals(a.merges().stream().map(Arrays::toString).toList(), b.merges().stream().map(Arrays::toString).toList());
    }

    /** The training words' final segmentation, concatenated, with special tokens matched first. */
    private static int[] trainersOwnEncoding(TrainedBpe bpe, Pattern split, String text) {
        List<Integer> ids = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int special = -1;
            int at = text.length();
            for (int s = 0; s < SPECIALS.size(); s++) {
                int i = text.indexOf(SPECIALS.get(s), start);
                if (i >= 0 && i < at) {
                    at = i;
                    special = s;
                }
            }
            Matcher m = split.matcher(text.substring(start, at));
            while (m.find()) {
                Arrays.stream(bpe.segmentation(m.group())).forEach(ids::add);
            }
            if (special >= 0) {
                ids.add(bpe.vocab().indexOf(SPECIALS.get(special)));
                at += SPECIALS.get(special).length();
            }
            start = at;
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sentences over a small Zipf-like word list, with some unicode, digits, whitespace and special tokens. */
    static List<String> corpus(int sentences) {
        String[] words = {"the", "a", "model", "learns", "tokens", "from", "text", "and", "then", "writes", "its",
                "own", "edits", "café", "東京", "🙂", "42", "2026", "don't", "it's", "self-edit", "SEAL", "\t", "  "};
        Random rnd = new Random(11);
        List<String> out = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            StringBuilder sb = new StringBuilder(s % 17 == 0 ? "<|im_start|>user\n" : "");
            int n = 3 + rnd.nextInt(12);
            for (int w = 0; w < n; w++) {
                sb.append(w == 0 ? "" : " ").append(words[(int) (Math.pow(rnd.nextDouble(), 2) * words.length)]);
            }
            out.add(sb.append(s % 5 == 0 ? ".\n\n" : ".").append(s % 17 == 0 ? "<|im_end|>" : "").toString());
        }
        return out;
    }
}
