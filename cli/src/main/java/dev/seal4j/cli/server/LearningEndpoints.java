package dev.seal4j.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.seal.continual.ContinualLearner;
import dev.seal4j.seal.continual.LearnerRefusal;
import dev.seal4j.seal.continual.LearningInput;
import dev.seal4j.seal.continual.Probe;
import dev.seal4j.seal.continual.QueuedInput;
import dev.seal4j.seal.continual.LearnerWorker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * POST /v1/documents ({text, title?, source?, questions?: [{question, answer}]}) and POST /v1/feedback
 * ({question, answer, correction, topic?, source?}). The input is on disk before the 202 answer; a full queue
 * is a 429 and nothing is stored.
 */
final class LearningEndpoints {
    private final ContinualLearner learner;
    private final LearnerWorker worker;
    private final long maxBodyBytes;

    LearningEndpoints(ContinualLearner learner, LearnerWorker worker, long maxBodyBytes) {
        this.learner = learner;
        this.worker = worker;
        this.maxBodyBytes = maxBodyBytes;
    }

    void document(HttpExchange ex) throws IOException {
        JsonNode b = Http.readObject(ex, maxBodyBytes);
        List<Probe> questions = new ArrayList<>();
        JsonNode qs = b.path("questions");
        if (!qs.isMissingNode() && !qs.isNull() && !qs.isArray()) {
            throw ApiError.invalid("questions", "'questions' must be an array of {question, answer}");
        }
        for (int i = 0; i < qs.size(); i++) {
            JsonNode q = qs.get(i);
            questions.add(probe(q.path("question").asText(null), q.path("answer").asText(null), "questions[" + i + "]"));
        }
        queue(ex, input(() -> new LearningInput.Document(Http.optionalText(b, "title"), Http.text(b, "text"),
                Http.optionalText(b, "source"), questions)));
    }

    void feedback(HttpExchange ex) throws IOException {
        JsonNode b = Http.readObject(ex, maxBodyBytes);
        queue(ex, input(() -> new LearningInput.Feedback(Http.text(b, "question"), Http.optionalText(b, "answer"),
                Http.text(b, "correction"), Http.optionalText(b, "topic"), Http.optionalText(b, "source"))));
    }

    private static Probe probe(String question, String answer, String where) {
        try {
            return new Probe(null, question, answer);
        } catch (BadInputException e) {
            throw ApiError.invalid(where, where + ": " + e.getMessage());
        }
    }

    private static LearningInput input(java.util.function.Supplier<LearningInput> make) {
        try {
            return make.get();
        } catch (BadInputException e) {
            throw ApiError.invalid(null, e.getMessage());
        }
    }

    private void queue(HttpExchange ex, LearningInput input) throws IOException {
        QueuedInput q;
        try {
            q = learner.submit(input, "api");
        } catch (LearnerRefusal r) {
            throw ApiError.rateLimited(r.getMessage(), Duration.ofSeconds(30));
        }
        worker.wake();
        Http.send(ex, 202, Map.of("id", q.id(), "object", "learning.input", "status", "queued",
                "received", q.received(), "queued", learner.queue().pendingCount()));
    }
}
