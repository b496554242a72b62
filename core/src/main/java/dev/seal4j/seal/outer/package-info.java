/**
 * SEAL's outer loop, for any domain: {@link dev.seal4j.seal.outer.RestEm} runs one ReST-EM round (sample
 * self-edits, reward each through the executor, select, fine-tune the generator) over a
 * {@link dev.seal4j.seal.outer.Domain}, which says how to prompt for a self-edit, how a self-edit becomes a
 * candidate and how a result becomes a reward. A run resumes through the typed
 * {@link dev.seal4j.seal.outer.RunLog}; every seed comes from {@link dev.seal4j.seal.outer.Seeds}.
 */
package dev.seal4j.seal.outer;
