package dev.seal4j.seal.eval;

import dev.seal4j.engine.BadInputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.function.Function;

/**
 * Graders by name, as written on the command line and in configs:
 * <pre>
 *   exact                       SQuAD's normalized exact match
 *   f1                          SQuAD's token F1; correct when F1 &gt;= 0.5 (the score is the F1)
 *   f1:T                        the same with threshold T in (0, 1], e.g. f1:0.8
 *   contains                    the normalized gold answer appears in the normalized prediction (whole words)
 *   judge:BASE_URL#MODEL[;key-env=VAR][;timeout=SECONDS][;attempts=N]
 *                               an LLM judge at BASE_URL/chat/completions (OpenAI-compatible), e.g.
 *                               judge:https://api.openai.com/v1#gpt-4.1;key-env=OPENAI_API_KEY
 *                               judge:http://localhost:8000/v1#Qwen/Qwen2.5-7B-Instruct;timeout=120
 * </pre>
 * The API key is read from the named environment variable, never written in the name. Judges are wrapped in a
 * {@link CachingGrader}.
 */
public final class Graders {
    public static final String DEFAULT_F1_THRESHOLD = "0.5";

    private Graders() {
    }

    public static Grader named(String spec) {
        return named(spec, System::getenv);
    }

    /** Checks a grader name without building the grader (a judge's API key is read only when it is built). */
    static void check(String spec) {
        String name = spec.strip();
        if (name.startsWith("judge:")) {
            judgeConfig(name.substring("judge:".length()), spec);
        } else {
            named(spec, variable -> null);
        }
    }

    /** As {@link #named(String)}, reading environment variables (the judge's API key) from {@code environment}. */
    public static Grader named(String spec, Function<String, String> environment) {
        String name = spec.strip();
        if (name.equals("exact")) {
            return new ExactMatchGrader();
        }
        if (name.equals("contains")) {
            return new ContainsAnswerGrader();
        }
        if (name.equals("f1") || name.startsWith("f1:")) {
            return new TokenF1Grader(threshold(name.equals("f1") ? DEFAULT_F1_THRESHOLD : name.substring(3), spec));
        }
        if (name.startsWith("judge:")) {
            return new CachingGrader(new LlmJudge(judgeConfig(name.substring("judge:".length()), spec), environment));
        }
        throw bad(spec, "unknown grader (known: exact, f1, f1:T, contains, judge:BASE_URL#MODEL)");
    }

    private static double threshold(String text, String spec) {
        try {
            double t = Double.parseDouble(text);
            if (t > 0 && t <= 1) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(spec, "the F1 threshold must be a number in (0, 1]");
    }

    /** BASE_URL#MODEL[;key=value...] */
    static JudgeConfig judgeConfig(String text, String spec) {
        int hash = text.indexOf('#');
        if (hash <= 0 || hash == text.length() - 1) {
            throw bad(spec, "expected judge:BASE_URL#MODEL, e.g. judge:http://localhost:8000/v1#my-model");
        }
        URI base = baseUrl(text.substring(0, hash), spec);
        String[] parts = text.substring(hash + 1).split(";");
        String model = parts[0].strip();
        if (model.isEmpty()) {
            throw bad(spec, "the model name after # is empty");
        }
        String keyEnv = null;
        Duration timeout = JudgeConfig.DEFAULT_TIMEOUT;
        int attempts = JudgeConfig.DEFAULT_ATTEMPTS;
        for (int i = 1; i < parts.length; i++) {
            String[] option = parts[i].split("=", 2);
            String value = option.length == 2 ? option[1].strip() : "";
            switch (option[0].strip()) {
                case "key-env" -> keyEnv = nonEmpty(value, "key-env", spec);
                case "timeout" -> timeout = Duration.ofSeconds(positive(value, "timeout", spec));
                case "attempts" -> attempts = (int) Math.min(positive(value, "attempts", spec), 100);
                default -> throw bad(spec, "unknown judge option '" + parts[i].strip() + "' (known: key-env, timeout, attempts)");
            }
        }
        return new JudgeConfig(base, model, keyEnv, timeout, attempts, JudgeConfig.DEFAULT_BACKOFF);
    }

    private static URI baseUrl(String text, String spec) {
        try {
            URI uri = new URI(text.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw bad(spec, "the judge's base URL must be an http(s) URL, e.g. http://localhost:8000/v1");
    }

    private static String nonEmpty(String value, String option, String spec) {
        if (value.isEmpty()) {
            throw bad(spec, option + " needs a value");
        }
        return value;
    }

    private static long positive(String value, String option, String spec) {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(spec, option + " must be a positive whole number, got '" + value + "'");
    }

    private static BadInputException bad(String spec, String problem) {
        return new BadInputException("grader '" + spec + "': " + problem);
    }
}
