/**
 * SQuAD-style knowledge data: passages with questions (optionally question kinds and leakage distractors),
 * teacher self-edits and precomputed self-edits ({@link dev.seal4j.seal.knowledge.KnowledgeData}), and external
 * synthetic data for the {@code teacher} method ({@link dev.seal4j.seal.knowledge.TeacherData}).
 */
package dev.seal4j.seal.knowledge;
