package dev.seal4j.seal.world;

import java.util.List;

/** How a self-edit lays out its items, one per line. */
enum ListStyle {
    NUMBERED, BULLETS, PLAIN;

    String format(List<String> items) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            switch (this) {
                case NUMBERED -> out.append(i + 1).append(". ");
                case BULLETS -> out.append("- ");
                case PLAIN -> { }
            }
            out.append(items.get(i));
        }
        return out.toString();
    }

    /** Mostly numbered, as base models mostly answer the implications prompt. */
    static ListStyle draw(Rng rng) {
        double u = rng.nextDouble();
        return u < 0.85 ? NUMBERED : u < 0.95 ? BULLETS : PLAIN;
    }
}
