/**
 * Runs as records: a run directory per command ({@link dev.seal4j.seal.run.RunDirectory}: config.yaml,
 * manifest.json with the SHA-256 of model and data, never overwritten, resumable), append-only JSONL logs that
 * survive being killed ({@link dev.seal4j.seal.run.RecordLog}), results as JSON and Markdown
 * ({@link dev.seal4j.seal.run.ResultsFiles}), PNG/SVG plots ({@link dev.seal4j.seal.run.Plots}), standard
 * errors and paired-bootstrap intervals ({@link dev.seal4j.seal.run.Statistics}), and listing past runs
 * ({@link dev.seal4j.seal.run.RunCatalog}).
 */
package dev.seal4j.seal.run;
