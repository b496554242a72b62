package dev.seal4j.seal.run;

import java.util.List;
import java.util.Map;

/**
 * What {@code seal runs show DIR} shows.
 *
 * @param summary      the list line
 * @param manifest     the manifest
 * @param results      results.json; null when absent or unreadable
 * @param recordCounts complete records per *.jsonl log
 * @param files        the run's files and subdirectories (hidden ones left out), sorted
 */
public record RunDetails(RunSummary summary, RunManifest manifest, Results results, Map<String, Integer> recordCounts,
                         List<String> files) {
}
