package dev.seal4j.engine.train;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.tokenizer.ChatTemplate;
import dev.seal4j.engine.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Tokenizes training records and marks which tokens the loss trains on.
 * <ul>
 *   <li>text: encoded as {@code seal perplexity} encodes a file (with the tokenizer's post-processor
 *       tokens), every token trains;</li>
 *   <li>prompt/completion: prompt (with post-processor tokens) then completion; only completion tokens
 *       train unless the mode is {@link LossMode#ALL};</li>
 *   <li>messages: rendered with the chat template; each assistant message's content and the end-of-turn
 *       token right after it train, nothing else.</li>
 * </ul>
 * With {@code appendEos}, text and completions end in the tokenizer's first EOS token.
 */
public final class ExampleEncoder {
    private final Tokenizer tokenizer;
    private final LossMode mode;
    private final boolean appendEos;

    public ExampleEncoder(Tokenizer tokenizer, LossMode mode, boolean appendEos) {
        this.tokenizer = tokenizer;
        this.mode = mode;
        this.appendEos = appendEos;
        if (appendEos && tokenizer.eosIds().isEmpty()) {
            throw new BadInputException("--append-eos: the tokenizer defines no EOS token");
        }
    }

    public Example encode(TrainingRecord record) {
        return switch (record) {
            case TrainingRecord.Text t -> {
                int[] ids = withEos(tokenizer.encodeWithSpecial(t.text()));
                boolean[] trains = new boolean[ids.length];
                Arrays.fill(trains, 1, ids.length, true);
                yield new Example(ids, trains);
            }
            case TrainingRecord.PromptCompletion pc -> {
                int[] p = tokenizer.encodeWithSpecial(pc.prompt());
                int[] c = withEos(tokenizer.encode(pc.completion()));
                int[] ids = Arrays.copyOf(p, p.length + c.length);
                System.arraycopy(c, 0, ids, p.length, c.length);
                boolean[] trains = new boolean[ids.length];
                Arrays.fill(trains, mode == LossMode.ALL ? 1 : Math.max(1, p.length), ids.length, true);
                yield new Example(ids, trains);
            }
            case TrainingRecord.Messages m -> encodeConversation(m.messages());
        };
    }

    private int[] withEos(int[] ids) {
        if (!appendEos) {
            return ids;
        }
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = tokenizer.eosIds().getFirst();
        return out;
    }

    private Example encodeConversation(List<Map<String, Object>> messages) {
        ChatTemplate template = tokenizer.chatTemplate().orElseThrow(() ->
                new BadInputException("{\"messages\"} records need a chat template, and this tokenizer has none"));
        String rendered = template.render(messages, false);
        List<Integer> ids = new ArrayList<>();
        List<Boolean> trains = new ArrayList<>();
        int cursor = 0;
        for (Map<String, Object> msg : messages) {
            if (!"assistant".equals(msg.get("role")) || !(msg.get("content") instanceof String content) || content.isEmpty()) {
                continue;
            }
            int at = rendered.indexOf(content, cursor);
            if (at < 0) {
                throw new BadInputException("the chat template does not reproduce an assistant message verbatim; "
                        + "cannot tell which tokens to train on");
            }
            append(rendered.substring(cursor, at), false, ids, trains);
            int end = at + content.length();
            int[] contentIds = tokenizer.encode(content);
            for (int id : contentIds) {
                ids.add(id);
                trains.add(true);
            }
            // the end-of-turn marker right after the content trains too, so the model learns to stop
            int[] rest = tokenizer.encode(rendered.substring(end));
            if (rest.length > 0 && tokenizer.isSpecial(rest[0])) {
                String marker = tokenizer.decode(new int[]{rest[0]});
                if (rendered.startsWith(marker, end)) {
                    ids.add(rest[0]);
                    trains.add(true);
                    end += marker.length();
                }
            }
            cursor = end;
        }
        append(rendered.substring(cursor), false, ids, trains);
        boolean[] mask = new boolean[ids.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = trains.get(i) && i > 0;
        }
        return new Example(ids.stream().mapToInt(Integer::intValue).toArray(), mask);
    }

    private void append(String text, boolean train, List<Integer> ids, List<Boolean> trains) {
        if (text.isEmpty()) {
            return;
        }
        for (int id : tokenizer.encode(text)) {
            ids.add(id);
            trains.add(train);
        }
    }
}
