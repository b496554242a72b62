package dev.seal4j.cli.server;

import dev.seal4j.seal.continual.ContinualLearner;
import dev.seal4j.seal.continual.LearnerRefusal;
import dev.seal4j.seal.continual.ServedVersion;
import dev.seal4j.seal.continual.VersionManifest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which version answers a request. The served name (or no model at all) means the current version;
 * "NAME@vN" (or "vN") names any version: an earlier one is loaded on demand and kept until another earlier
 * one is asked for.
 */
final class ModelVersions {
    private static final Pattern VERSIONED = Pattern.compile("(?:.*@)?v(\\d+)");
    private final ContinualLearner learner;
    private final String servedName;
    private ServedVersion earlier;
    private int earlierNumber = -1;

    ModelVersions(ContinualLearner learner, String servedName) {
        this.learner = learner;
        this.servedName = servedName;
    }

    String idOf(VersionManifest m) {
        return m.modelId(servedName);
    }

    /** A lease on the version {@code model} names; 404 for a model this server does not have. */
    ServedVersion.Lease lease(String model) {
        if (model == null || model.isBlank() || model.equals(servedName)) {
            return learner.served().lease();
        }
        Matcher m = VERSIONED.matcher(model);
        if (!m.matches() || (model.contains("@") && !model.startsWith(servedName + "@"))) {
            throw unknown(model);
        }
        int version;
        try {
            version = Integer.parseInt(m.group(1));
        } catch (NumberFormatException tooLarge) {
            throw unknown(model);
        }
        ServedVersion.Lease current = learner.served().lease();
        if (current.version().manifest().version() == version) {
            return current;
        }
        current.close();
        return earlier(version, model);
    }

    private synchronized ServedVersion.Lease earlier(int version, String model) {
        if (earlierNumber != version) {
            try {
                var loaded = learner.load(version);
                if (earlier == null) {
                    earlier = new ServedVersion(loaded);
                } else {
                    earlier.switchTo(loaded);
                }
                earlierNumber = version;
            } catch (LearnerRefusal e) {
                throw unknown(model);
            }
        }
        return earlier.lease();
    }

    private ApiError unknown(String model) {
        return ApiError.notFound("model_not_found", "the model '" + model + "' does not exist on this server; "
                + "GET /v1/models lists the versions (" + servedName + " is the current one)");
    }
}
