/**
 * Where candidates run. A {@link dev.seal4j.seal.exec.Candidate} is a job described by value (no weights);
 * it runs on a {@link dev.seal4j.seal.exec.Workbench} (the base model and helpers shared by a process's
 * candidates); a {@link dev.seal4j.seal.exec.CandidateExecutor} runs batches of them — the
 * {@link dev.seal4j.seal.exec.LocalExecutor} on this machine, side by side if asked.
 */
package dev.seal4j.seal.exec;
