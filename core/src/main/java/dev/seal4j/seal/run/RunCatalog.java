package dev.seal4j.seal.run;

import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The runs under a folder, for {@code seal runs list} and {@code seal runs show}. Reads only. */
public final class RunCatalog {
    public static final String INTERRUPTED = "interrupted";
    public static final String INVALID = "invalid";

    private RunCatalog() {
    }

    /**
     * Every run directly under {@code parent} (directories holding a manifest.json), oldest first; none when
     * {@code parent} does not exist yet (no experiment has run).
     */
    public static List<RunSummary> list(Path parent) {
        if (!Files.exists(parent)) {
            return List.of();
        }
        if (!Files.isDirectory(parent)) {
            throw BadInputException.inFile(parent, "is a file, not a folder of runs");
        }
        List<RunSummary> runs = new ArrayList<>();
        try (Stream<Path> children = Files.list(parent)) {
            for (Path child : children.toList()) {
                if (Files.isRegularFile(child.resolve(RunDirectory.MANIFEST))) {
                    runs.add(summarize(child));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing((RunSummary r) -> r.created() == null ? "" : r.created())
                .thenComparing(r -> r.dir().getFileName().toString()));
        return runs;
    }

    /** One run's list line; an unreadable manifest gives status "invalid" rather than an exception. */
    public static RunSummary summarize(Path dir) {
        RunManifest manifest;
        try {
            manifest = RunDirectory.readManifest(dir);
        } catch (BadInputException e) {
            return new RunSummary(dir, null, INVALID, null, null, Map.of(), e.getMessage());
        }
        String status = manifest.status() == RunStatus.RUNNING && !RunLock.isHeld(dir)
                ? INTERRUPTED : manifest.status().jsonName();
        Map<String, Double> headline = new LinkedHashMap<>();
        String problem = null;
        if (Files.exists(dir.resolve(ResultsFiles.JSON))) {
            try {
                ResultsFiles.read(dir).methods().forEach((method, r) ->
                        headline.put(method, r.netAccuracy() != null ? r.netAccuracy() : r.accuracy()));
            } catch (BadInputException e) {
                problem = e.getMessage();
            }
        }
        return new RunSummary(dir, manifest.kind(), status, manifest.created(), manifest.updated(), headline, problem);
    }

    /** Everything {@code seal runs show} prints about one run. */
    public static RunDetails details(Path dir) {
        RunManifest manifest = RunDirectory.readManifest(dir);
        RunSummary summary = summarize(dir);
        Results results = null;
        if (Files.exists(dir.resolve(ResultsFiles.JSON)) && summary.problem() == null) {
            results = ResultsFiles.read(dir);
        }
        Map<String, Integer> counts = new TreeMap<>();
        List<String> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                files.add(Files.isDirectory(entry) ? name + "/" : name);
                if (name.endsWith(".jsonl")) {
                    counts.put(name, RecordLog.read(entry).size());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return new RunDetails(summary, manifest, results, counts, files);
    }
}
