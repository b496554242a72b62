package dev.seal4j.seal.continual;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The update rate limits: a minimum interval, and maximum counts per hour and per day of accepted updates. */
public final class RateLimiter {
    private final GateConfig config;

    public RateLimiter(GateConfig config) {
        this.config = config;
    }

    /**
     * The verdict for an update at {@code now} given the times of earlier accepted updates; when it fails,
     * {@code figures.retry_at} says when the next update is allowed.
     */
    public GateDecision check(Instant now, List<Instant> accepted) {
        Instant last = accepted.isEmpty() ? null : accepted.getLast();
        long lastHour = accepted.stream().filter(t -> t.isAfter(now.minus(Duration.ofHours(1)))).count();
        long lastDay = accepted.stream().filter(t -> t.isAfter(now.minus(Duration.ofDays(1)))).count();
        Map<String, Object> figures = Map.of("updates_last_hour", lastHour, "updates_last_day", lastDay,
                "max_per_hour", config.maxPerHour(), "max_per_day", config.maxPerDay(),
                "min_interval_seconds", config.minInterval().toSeconds());
        if (last != null && last.plus(config.minInterval()).isAfter(now)) {
            return refused(figures, last.plus(config.minInterval()), String.format(Locale.ROOT,
                    "the last update was %d s ago; the minimum interval is %d s", Duration.between(last, now).toSeconds(),
                    config.minInterval().toSeconds()));
        }
        if (config.maxPerHour() > 0 && lastHour >= config.maxPerHour()) {
            return refused(figures, oldestWithin(accepted, now, Duration.ofHours(1)).plus(Duration.ofHours(1)),
                    lastHour + " updates in the last hour; the limit is " + config.maxPerHour());
        }
        if (config.maxPerDay() > 0 && lastDay >= config.maxPerDay()) {
            return refused(figures, oldestWithin(accepted, now, Duration.ofDays(1)).plus(Duration.ofDays(1)),
                    lastDay + " updates in the last 24 hours; the limit is " + config.maxPerDay());
        }
        return new GateDecision("rate-limit", true, lastHour + " updates in the last hour, " + lastDay + " in the last day",
                figures);
    }

    private static Instant oldestWithin(List<Instant> accepted, Instant now, Duration window) {
        return accepted.stream().filter(t -> t.isAfter(now.minus(window))).min(Instant::compareTo).orElse(now);
    }

    private static GateDecision refused(Map<String, Object> figures, Instant retryAt, String why) {
        java.util.HashMap<String, Object> f = new java.util.HashMap<>(figures);
        f.put("retry_at", retryAt.toString());
        return new GateDecision("rate-limit", false, why + "; next allowed at " + retryAt, f);
    }
}
