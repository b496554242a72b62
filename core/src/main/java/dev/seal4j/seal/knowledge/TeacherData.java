package dev.seal4j.seal.knowledge;

import dev.seal4j.engine.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * External synthetic data for the {@code teacher} method: self-edits another model wrote for the passages
 * (the SEAL paper's GPT-4.1 implications). Accepted layouts:
 * <ul>
 *   <li>a list {@code [{title, context?, completions | implications | teacher_implications}]} where the
 *       self-edits are a string or a list of strings — the SEAL repo's
 *       {@code knowledge-incorporation/data/synthetic_data/eval/gpt4_1_val.json} is such a file (it also holds
 *       questions and the prompt, which are ignored here);</li>
 *   <li>an object mapping a passage title to a string or a list of strings.</li>
 * </ul>
 * A passage finds its entry by context when the entry has one (titles repeat in SQuAD: many paragraphs of one
 * article), otherwise by title; a title shared by several context-less entries is ambiguous and refused.
 */
public final class TeacherData {
    private static final List<String> SELF_EDIT_FIELDS = List.of("completions", "implications", "teacher_implications");

    private final Path file;
    private final Map<String, List<String>> byContext;
    private final Map<String, List<List<String>>> byTitle;

    private TeacherData(Path file, Map<String, List<String>> byContext, Map<String, List<List<String>>> byTitle) {
        this.file = file;
        this.byContext = byContext;
        this.byTitle = byTitle;
    }

    public static TeacherData read(Path file) {
        JsonCursor root = JsonCursor.read(file);
        Map<String, List<String>> byContext = new HashMap<>();
        Map<String, List<List<String>>> byTitle = new HashMap<>();
        if (root.isArray()) {
            for (JsonCursor entry : root.elements()) {
                entry.requireObject();
                List<String> selfEdits = selfEdits(entry);
                JsonCursor context = entry.field("context");
                if (context.isMissing()) {
                    byTitle.computeIfAbsent(entry.field("title").string(false), t -> new ArrayList<>()).add(selfEdits);
                } else if (byContext.putIfAbsent(contextKey(context.string(true)), selfEdits) != null) {
                    throw context.problem("the same context appears in an earlier entry");
                }
            }
        } else if (root.isObject()) {
            root.node().fieldNames().forEachRemaining(title ->
                    byTitle.computeIfAbsent(title, t -> new ArrayList<>()).add(root.field(title).stringOrStrings()));
        } else {
            throw root.bad("expected a list [{title, context, completions}] or an object {title: [self-edits]}");
        }
        if (byContext.isEmpty() && byTitle.isEmpty()) {
            throw BadInputException.inFile(file, "holds no synthetic data");
        }
        return new TeacherData(file, byContext, byTitle);
    }

    private static List<String> selfEdits(JsonCursor entry) {
        for (String name : SELF_EDIT_FIELDS) {
            JsonCursor field = entry.field(name);
            if (!field.isMissing()) {
                return field.stringOrStrings();
            }
        }
        throw entry.field(SELF_EDIT_FIELDS.getFirst()).bad("expected one of " + String.join(", ", SELF_EDIT_FIELDS));
    }

    /** Contexts match when they differ only in surrounding or repeated white space. */
    private static String contextKey(String context) {
        return context.strip().replaceAll("\\s+", " ");
    }

    /** The self-edits for a passage, if this file has them. */
    public Optional<List<String>> lookup(KnowledgePassage passage) {
        List<String> byItsContext = byContext.get(contextKey(passage.context()));
        if (byItsContext != null) {
            return Optional.of(byItsContext);
        }
        List<List<String>> candidates = byTitle.getOrDefault(passage.title(), List.of());
        if (candidates.size() > 1) {
            throw BadInputException.inFile(file, "title '" + passage.title() + "' has " + candidates.size()
                    + " entries and no context to tell them apart");
        }
        return candidates.stream().findFirst();
    }

    /**
     * The passages with their teacher self-edits replaced by this file's. Every passage must have an entry: a
     * teacher method silently missing data for some passages would be compared unfairly.
     */
    public List<KnowledgePassage> attach(List<KnowledgePassage> passages) {
        List<KnowledgePassage> out = new ArrayList<>(passages.size());
        for (KnowledgePassage passage : passages) {
            List<String> selfEdits = lookup(passage).orElseThrow(() -> BadInputException.inFile(file,
                    "no synthetic data for the passage '" + passage.title() + "' that starts \""
                            + abbreviate(passage.context()) + "\" (matched by context, or by title when an entry has no context)"));
            out.add(passage.withTeacherImplications(selfEdits));
        }
        return out;
    }

    private static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 60 ? line : line.substring(0, 60) + "…";
    }
}
