package dev.seal4j.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.seal.continual.ContinualLearner;
import dev.seal4j.seal.continual.LearnerRefusal;
import dev.seal4j.seal.continual.LearnerWorker;
import dev.seal4j.seal.continual.LedgerEntry;
import dev.seal4j.seal.continual.LedgerEvent;
import dev.seal4j.seal.continual.LedgerVerifier;
import dev.seal4j.seal.continual.VersionManifest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operator's API under /admin (every call needs the bearer token): status, versions, pending updates
 * with approve and reject, rollback, the ledger (with verification) and the gate figures over time.
 */
final class AdminEndpoints {
    private final ContinualLearner learner;
    private final LearnerWorker worker;
    private final ModelVersions versions;
    private final long maxBodyBytes;

    AdminEndpoints(ContinualLearner learner, LearnerWorker worker, ModelVersions versions, long maxBodyBytes) {
        this.learner = learner;
        this.worker = worker;
        this.versions = versions;
        this.maxBodyBytes = maxBodyBytes;
    }

    void handle(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        if (method.equals("GET")) {
            Object body = switch (path) {
                case "/admin/status" -> status();
                case "/admin/versions" -> versionList();
                case "/admin/updates" -> Map.of("pending", learner.pendingUpdates().pending(),
                        "decided", last(learner.pendingUpdates().decided(), 50));
                case "/admin/ledger" -> ledger(Http.query(ex));
                case "/admin/ledger/verify" -> verification();
                case "/admin/curves" -> curves();
                default -> throw ApiError.notFound("not_found", "no such endpoint: GET " + path);
            };
            Http.send(ex, 200, body);
            return;
        }
        if (!method.equals("POST")) {
            throw ApiError.methodNotAllowed(method, path, "GET or POST");
        }
        JsonNode b = Http.readObject(ex, maxBodyBytes);
        String[] parts = path.split("/");
        Object result;
        if (path.equals("/admin/rollback")) {
            if (!b.path("version").canConvertToInt() || !b.path("version").isIntegralNumber()) {
                throw ApiError.invalid("version", "'version' must be a version number (see GET /admin/versions)");
            }
            result = act(() -> describe(learner.rollback(b.get("version").asInt(), Http.text(b, "by"),
                    Http.optionalText(b, "reason"))));
        } else if (parts.length == 5 && parts[2].equals("updates") && parts[4].equals("approve")) {
            result = act(() -> describe(learner.approve(parts[3], Http.text(b, "by"), Http.optionalText(b, "reason"))));
        } else if (parts.length == 5 && parts[2].equals("updates") && parts[4].equals("reject")) {
            result = act(() -> {
                learner.reject(parts[3], Http.text(b, "by"), Http.optionalText(b, "reason"));
                return Map.of("update", parts[3], "status", "rejected");
            });
        } else {
            throw ApiError.notFound("not_found", "no such endpoint: POST " + path);
        }
        worker.wake();
        Http.send(ex, 200, result);
    }

    /** Runs a decision, turning the learner's refusals into HTTP errors. */
    private static Object act(Supplier<Object> action) {
        try {
            return action.get();
        } catch (LearnerRefusal r) {
            throw switch (r.kind()) {
                case NOT_FOUND -> ApiError.notFound("not_found", r.getMessage());
                case STALE, DECIDED -> ApiError.conflict(r.getMessage());
                case RATE_LIMITED, QUEUE_FULL -> ApiError.rateLimited(r.getMessage(), r.retryAt() == null ? null
                        : Duration.between(Instant.now(), r.retryAt()));
            };
        } catch (BadInputException e) {
            throw ApiError.invalid(null, e.getMessage());
        }
    }

    private Map<String, Object> status() {
        VersionManifest current = learner.served().manifest();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", versions.idOf(current));
        s.put("version", current.version());
        s.put("stack", current.stack().size());
        s.put("activity", learner.activity());
        s.put("queued", learner.queue().pendingCount());
        s.put("pending_updates", learner.pendingUpdates().pending().size());
        Instant next = learner.nextUpdateAllowed();
        s.put("next_update_allowed", next == null ? "now" : next.toString());
        s.put("approval_required", learner.setup().gates().approvalRequired());
        s.put("ledger_entries", learner.ledger().size());
        return s;
    }

    private Map<String, Object> verification() {
        LedgerVerifier.Verification v = LedgerVerifier.verify(learner.setup().state());
        return Map.of("ok", v.ok(), "entries", v.entries(), "problems", v.problems());
    }

    private Map<String, Object> describe(VersionManifest m) {
        return Map.of("version", m.version(), "model", versions.idOf(m), "weights_sha256", m.sha256());
    }

    private List<Map<String, Object>> versionList() {
        int current = learner.served().manifest().version();
        List<Map<String, Object>> out = new ArrayList<>();
        for (VersionManifest m : learner.versions().list()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", m.version());
            v.put("model", versions.idOf(m));
            v.put("parent", m.parent());
            v.put("created", m.created());
            v.put("reason", m.reason());
            v.put("adapters", m.stack().stream().map(VersionManifest.StackEntry::adapter).toList());
            v.put("titles", m.stack().stream().map(VersionManifest.StackEntry::title).toList());
            v.put("weights_sha256", m.sha256());
            v.put("current", m.version() == current);
            out.add(v);
        }
        return out;
    }

    private List<com.fasterxml.jackson.databind.node.ObjectNode> ledger(Map<String, String> query) {
        long after = parse(query.getOrDefault("after", "0"), "after");
        int limit = (int) Math.min(1000, parse(query.getOrDefault("limit", "200"), "limit"));
        return learner.ledger().entries(after, limit).stream().map(LedgerEntry::json).toList();
    }

    /** One point per gated candidate: probe and retention accuracy before and after, and the outcome. */
    private List<Map<String, Object>> curves() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LedgerEntry e : learner.ledger().ofType(LedgerEvent.GATES_DECIDED)) {
            JsonNode p = e.payloadJson(), m = p.path("measurements");
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("seq", e.seq());
            point.put("time", e.time());
            point.put("input", p.path("input").asText());
            point.put("title", p.path("title").asText());
            point.put("outcome", p.path("outcome").asText());
            point.put("probe_before", accuracy(m.path("probesBefore")));
            point.put("probe_after", accuracy(m.path("probesAfter")));
            point.put("retention_before", accuracy(m.path("retentionBefore")));
            point.put("retention_after", accuracy(m.path("retentionAfter")));
            point.put("retention_questions", m.path("retentionAfter").path("count").asInt());
            out.add(point);
        }
        return out;
    }

    private static Double accuracy(JsonNode score) {
        int n = score.path("count").asInt(0);
        return n == 0 ? null : score.path("correct").asDouble() / n;
    }

    private static long parse(String s, String name) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiError.invalid(name, "'" + name + "' must be a number, got '" + s + "'");
        }
    }

    private static <T> List<T> last(List<T> list, int n) {
        return list.subList(Math.max(0, list.size() - n), list.size());
    }
}
