package dev.seal4j.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long phase on stderr. When stderr is a terminal, a bar redrawn in place (done/total, elapsed,
 * ETA, and a detail such as loss and tokens/s); otherwise (logs, CI) a plain line at the first update, every
 * few seconds, and at the end.
 */
final class Progress implements AutoCloseable {
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final String task;
    private final long total;
    private final ProgressBar bar;    // null when printing plain lines
    private final long start = System.nanoTime();
    private long lastPrinted;
    private boolean printed;

    private Progress(PrintStream err, String task, long total, ProgressBar bar) {
        this.err = err;
        this.task = task;
        this.total = total;
        this.bar = bar;
    }

    static Progress start(Io io, String task, long total) {
        ProgressBar bar = !io.stderrIsTerminal() ? null : new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(io.err()))
                .build();
        return new Progress(io.err(), task, total, bar);
    }

    /** {@code done} of the total units are finished; {@code detail} is shown next to the count. */
    void update(long done, String detail) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(" " + detail);
            return;
        }
        long now = System.nanoTime();
        if (printed && done < total && now - lastPrinted < PLAIN_INTERVAL_NANOS) {
            return;
        }
        printed = true;
        lastPrinted = now;
        double elapsed = (now - start) / 1e9;
        String eta = done > 0 && done < total ? ", eta " + duration(elapsed / done * (total - done)) : "";
        err.printf(Locale.ROOT, "%s: %d/%d (%.0f%%) %s, elapsed %s%s%n", task, done, total,
                total > 0 ? 100.0 * done / total : 100.0, detail, duration(elapsed), eta);
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /** "1:02:03", "2:03" or "5s". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
