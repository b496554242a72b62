package dev.seal4j.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Takes back the caller's stderr from the launcher's filter. The {@code seal} launcher starts the JVM with its
 * stderr through a filter (which drops the JVM's incubator-module warning) and the caller's stderr kept open as
 * the descriptor named by {@code -Dseal4j.stderr.fd}; {@link #reclaim()} makes that descriptor the process's
 * stderr again (dup2), so everything the CLI writes reaches the caller directly and the filter, seeing its
 * input end, exits. Outside the launcher (tests, {@code java -jar}) there is nothing to do.
 */
final class LauncherStderr {
    static final String PROPERTY = "seal4j.stderr.fd";
    private static final int STDERR = 2;

    private LauncherStderr() {
    }

    /**
     * Puts the launcher's saved descriptor back as stderr. If that fails (no POSIX C library), stderr keeps
     * flowing through the filter, which still delivers everything to the caller's stderr.
     */
    static void reclaim() {
        String saved = System.getProperty(PROPERTY);
        if (saved == null) {
            return;
        }
        try {
            int fd = Integer.parseInt(saved);
            System.err.flush();
            if (dup2(fd, STDERR) == STDERR) {
                close(fd);
            }
        } catch (Throwable e) {
            // keep the filter: one pipe more, the same bytes
        }
    }

    private static int dup2(int from, int to) throws Throwable {
        return (int) libc("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT)).invokeExact(from, to);
    }

    private static int close(int fd) throws Throwable {
        return (int) libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT)).invokeExact(fd);
    }

    private static MethodHandle libc(String name, FunctionDescriptor signature) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find(name).orElseThrow(), signature);
    }
}
