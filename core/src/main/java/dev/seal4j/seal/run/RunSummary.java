package dev.seal4j.seal.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * One line of {@code seal runs list}.
 *
 * @param dir      the run directory
 * @param kind     what computed it; null when the manifest is unreadable
 * @param status   "running", "interrupted" (manifest says running, but no process holds the run: it was killed
 *                 and can be resumed), "finished", "failed", or "invalid" (unreadable manifest)
 * @param created  ISO-8601 UTC; null when unknown
 * @param updated  last status change, ISO-8601 UTC; null when unknown
 * @param headline per method (results order), the net accuracy when measured, else the accuracy, as a
 *                 fraction; empty before results.json exists
 * @param problem  why the run is invalid, or why its results cannot be read; null otherwise
 */
public record RunSummary(Path dir, String kind, String status, String created, String updated,
                         Map<String, Double> headline, String problem) {
}
