/**
 * Knowledge incorporation (the SEAL paper's §4.2): the domain ({@link dev.seal4j.seal.knowledge.KnowledgeDomain}:
 * a passage's self-edit becomes training sequences, the reward is net accuracy on its questions), the experiment
 * with the paper's methods ({@link dev.seal4j.seal.knowledge.KnowledgeExperiment}), and SQuAD-style data: passages
 * with questions (optionally question kinds and leakage distractors), teacher self-edits and precomputed self-edits
 * ({@link dev.seal4j.seal.knowledge.KnowledgeData}), and external synthetic data for the {@code teacher} method
 * ({@link dev.seal4j.seal.knowledge.TeacherData}).
 */
package dev.seal4j.seal.knowledge;
