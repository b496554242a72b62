/**
 * Grading answers against gold answers: SQuAD's normalized exact match and token F1, contains-answer, and an
 * LLM judge over any OpenAI-compatible endpoint — all behind {@link dev.seal4j.seal.eval.Grader}, built by name
 * with {@link dev.seal4j.seal.eval.Graders#named(String)}.
 */
package dev.seal4j.seal.eval;
