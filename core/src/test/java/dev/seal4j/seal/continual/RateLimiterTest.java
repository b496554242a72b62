package dev.seal4j.seal.continual;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {
    private static final Instant NOON = Instant.parse("2026-01-01T12:00:00Z");

    private static GateConfig limits(int seconds, int perHour, int perDay) {
        return new GateConfig(0.05, 0, true, Double.POSITIVE_INFINITY, 1, Duration.ofSeconds(seconds), perHour, perDay, false);
    }

    @Test
    void theMinimumIntervalCountsFromTheLastUpdate() {
        RateLimiter r = new RateLimiter(limits(60, 0, 0));
        GateDecision d = r.check(NOON, List.of(NOON.minusSeconds(20)));
        assertFalse(d.passed());
        assertEquals("2026-01-01T12:00:40Z", d.figures().get("retry_at"));
        assertTrue(d.detail().contains("20 s ago"), d.detail());
        assertTrue(r.check(NOON, List.of(NOON.minusSeconds(60))).passed());
        assertTrue(r.check(NOON, List.of()).passed());
    }

    @Test
    void hourlyAndDailyCountsUseSlidingWindows() {
        RateLimiter r = new RateLimiter(limits(0, 2, 3));
        List<Instant> twoThisHour = List.of(NOON.minus(Duration.ofMinutes(50)), NOON.minus(Duration.ofMinutes(10)));
        GateDecision hour = r.check(NOON, twoThisHour);
        assertFalse(hour.passed());
        assertEquals("2026-01-01T12:10:00Z", hour.figures().get("retry_at"), "when the older one leaves the hour");
        List<Instant> threeToday = List.of(NOON.minus(Duration.ofHours(20)), NOON.minus(Duration.ofHours(5)),
                NOON.minus(Duration.ofMinutes(30)));
        GateDecision day = r.check(NOON, threeToday);
        assertFalse(day.passed());
        assertEquals("2026-01-01T16:00:00Z", day.figures().get("retry_at"));
        assertTrue(r.check(NOON, List.of(NOON.minus(Duration.ofHours(25)), NOON.minus(Duration.ofHours(2)))).passed());
    }
}
