package dev.seal4j.seal.run;

/**
 * A file as a run used it.
 *
 * @param path   the absolute path
 * @param size   its length in bytes
 * @param sha256 the SHA-256 of its content, lower-case hex
 */
public record FileDigest(String path, long size, String sha256) {
}
