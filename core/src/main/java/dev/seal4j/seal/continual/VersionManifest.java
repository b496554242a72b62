package dev.seal4j.seal.continual;

import java.util.List;
import java.util.Map;

/**
 * A model version: the base model plus an ordered stack of accepted LoRA adapters, each named by the SHA-256
 * of its files. The manifest determines the weights exactly; its own hash ({@link #sha256()}) identifies
 * them in the ledger.
 *
 * @param version number (0 is the base model alone)
 * @param parent  the version it was made from (null for 0)
 * @param created ISO-8601 instant
 * @param reason  "base" or "update" (an accepted update on top of the parent)
 * @param base    the base model's files and their hashes
 * @param stack   the adapters to add to the base, oldest first
 */
public record VersionManifest(int version, Integer parent, String created, String reason, BaseModel base,
                              List<StackEntry> stack) {
    public VersionManifest {
        stack = List.copyOf(stack);
    }

    /**
     * The base model.
     *
     * @param path  where it was loaded from
     * @param files name (relative to path) → SHA-256 of every weight file
     */
    public record BaseModel(String path, Map<String, String> files) {
        public BaseModel {
            files = Map.copyOf(files);
        }
    }

    /**
     * One accepted update.
     *
     * @param adapter       SHA-256 of adapter_model.safetensors (also the adapter's directory name)
     * @param adapterConfig SHA-256 of adapter_config.json
     * @param inputId       the learning input it came from
     * @param title         the input's title
     * @param probes        the probes it was accepted on; they join later retention suites
     */
    public record StackEntry(String adapter, String adapterConfig, String inputId, String title, List<Probe> probes) {
        public StackEntry {
            probes = List.copyOf(probes);
        }
    }

    /** The hash of the canonical manifest text: the identity of this version's weights. */
    public String sha256() {
        return Sha256.of(ContinualJson.write(this));
    }

    /** The model id clients use for this version. */
    public String modelId(String servedName) {
        return servedName + "@v" + version;
    }
}
