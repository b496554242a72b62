package dev.seal4j.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.seal.continual.ContinualLearner;
import dev.seal4j.seal.continual.LedgerEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's metrics in Prometheus' text format (GET /metrics): requests by route and status and their
 * latency, prompt and completion tokens, learning inputs, updates by outcome, decisions, rollbacks, the
 * served version, queue and pending counts, and the last retention and probe figures. Learning metrics follow
 * the ledger: every appended entry updates them.
 */
final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Double> retention = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> probeGain = new AtomicReference<>(Double.NaN);

    ServerMetrics(ContinualLearner learner) {
        Gauge.builder("seal_model_version", learner, l -> l.served().manifest().version())
                .description("the served model version").register(registry);
        Gauge.builder("seal_learning_queue_inputs", learner, l -> l.queue().pendingCount())
                .description("learning inputs waiting").register(registry);
        Gauge.builder("seal_updates_pending", learner, l -> l.pendingUpdates().pending().size())
                .description("updates waiting for approval").register(registry);
        Gauge.builder("seal_retention_accuracy", retention, AtomicReference::get)
                .description("retention accuracy of the last gated candidate").register(registry);
        Gauge.builder("seal_probe_accuracy_gain", probeGain, AtomicReference::get)
                .description("probe accuracy gain of the last gated candidate").register(registry);
        for (String outcome : new String[]{"accepted", "rejected", "pending", "failed"}) {
            updates(outcome);
        }
        learner.ledger().onAppend(this::onLedger);
    }

    private Counter updates(String outcome) {
        return Counter.builder("seal_updates").tag("outcome", outcome).description("candidate updates by gate outcome")
                .register(registry);
    }

    private void onLedger(LedgerEntry e) {
        JsonNode p = e.payloadJson();
        switch (e.type()) {
            case "input-received" -> Counter.builder("seal_learning_inputs").tag("kind",
                    p.path("content").path("kind").asText("unknown")).register(registry).increment();
            case "input-failed" -> updates("failed").increment();
            case "gates-decided" -> {
                updates(p.path("outcome").asText()).increment();
                JsonNode m = p.path("measurements");
                retention.set(accuracy(m.path("retentionAfter")));
                probeGain.set(accuracy(m.path("probesAfter")) - accuracy(m.path("probesBefore")));
            }
            case "update-approved", "update-rejected" -> Counter.builder("seal_update_decisions")
                    .tag("decision", e.type().substring("update-".length())).register(registry).increment();
            case "rollback" -> Counter.builder("seal_rollbacks").register(registry).increment();
            default -> {
            }
        }
    }

    private static double accuracy(JsonNode score) {
        int count = score.path("count").asInt(0);
        return count == 0 ? Double.NaN : score.path("correct").asDouble() / count;
    }

    void request(String route, int status, long nanos) {
        Counter.builder("seal_http_requests").tag("route", route).tag("status", Integer.toString(status))
                .register(registry).increment();
        Timer.builder("seal_http_request_seconds").tag("route", route).register(registry).record(Duration.ofNanos(nanos));
    }

    void tokens(int prompt, int completion) {
        Counter.builder("seal_tokens").tag("kind", "prompt").register(registry).increment(prompt);
        Counter.builder("seal_tokens").tag("kind", "completion").register(registry).increment(completion);
    }

    String scrape() {
        return registry.scrape();
    }
}
