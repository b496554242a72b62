package dev.seal4j.seal.continual;

import java.util.ArrayList;
import java.util.List;

/**
 * What retention is measured on: the probes of the updates already in the current version (newest first, at
 * most {@code max}) and every question of the operator's held-out set.
 */
public final class RetentionSuite {
    private RetentionSuite() {
    }

    public static List<Probe> of(VersionManifest current, List<Probe> heldOut, int max) {
        List<Probe> earlier = new ArrayList<>();
        for (VersionManifest.StackEntry e : current.stack().reversed()) {
            for (Probe p : e.probes()) {
                if (earlier.size() < max) {
                    earlier.add(p);
                }
            }
        }
        List<Probe> suite = new ArrayList<>(earlier);
        suite.addAll(heldOut);
        return suite;
    }
}
