package dev.seal4j.seal.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * manifest.json: what a run is, what it read, and where it stands. Timestamps are ISO-8601 UTC strings.
 *
 * @param kind          what computed it ("knowledge", "demo", "pretrain", ...)
 * @param status        running, finished or failed
 * @param created       when the run directory was made
 * @param updated       the last status change
 * @param finished      when it finished or failed; null while running
 * @param resumed       its resumptions, oldest first
 * @param failure       why it failed; null otherwise
 * @param seal4jVersion the seal4j version
 * @param gitCommit     the git commit of the seal4j checkout (with "-dirty" for local changes); null if unknown
 * @param javaVersion   the JVM's version
 * @param commandLine   the command that started it
 * @param seeds         random seeds by role
 * @param model         the model with the SHA-256 of its files; null when none
 * @param data          data files with their SHA-256
 */
public record RunManifest(String kind, RunStatus status, String created, String updated, String finished,
                          List<Resumption> resumed, String failure, String seal4jVersion, String gitCommit,
                          String javaVersion, List<String> commandLine, Map<String, Long> seeds, ModelDigest model,
                          List<FileDigest> data) {

    public RunManifest {
        resumed = resumed == null ? List.of() : List.copyOf(resumed);
        commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
        seeds = seeds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(seeds));
        data = data == null ? List.of() : List.copyOf(data);
    }

    static RunManifest started(String kind, RunInputs inputs, ModelDigest model, List<FileDigest> data, Instant now) {
        return new RunManifest(kind, RunStatus.RUNNING, now.toString(), now.toString(), null, List.of(), null,
                BuildInfo.version(), BuildInfo.gitCommit(), Runtime.version().toString(), inputs.commandLine(),
                inputs.seeds(), model, data);
    }

    RunManifest resumedAt(Instant now, List<String> resumingCommand) {
        List<Resumption> times = new ArrayList<>(resumed);
        times.add(new Resumption(now.toString(), BuildInfo.version(), BuildInfo.gitCommit(), resumingCommand));
        return new RunManifest(kind, RunStatus.RUNNING, created, now.toString(), null, times, null, seal4jVersion,
                gitCommit, javaVersion, commandLine, seeds, model, data);
    }

    RunManifest ended(RunStatus end, String why, Instant now) {
        return new RunManifest(kind, end, created, now.toString(), now.toString(), resumed, why, seal4jVersion,
                gitCommit, javaVersion, commandLine, seeds, model, data);
    }
}
