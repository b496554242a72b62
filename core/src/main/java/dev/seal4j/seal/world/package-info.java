/**
 * The built-in world: a procedurally generated, seeded world of countries, cities, organisations, universities
 * and people, with the texts that pretrain the built-in model and the SQuAD-style data SEAL runs on.
 *
 * <ul>
 *   <li>{@link dev.seal4j.seal.world.World} — places, organisations and name pools (world seed).</li>
 *   <li>{@link dev.seal4j.seal.world.Populations} — pretraining, SEAL-training and evaluation people (people
 *       seed, evaluation seed); names can never be shared between splits.</li>
 *   <li>{@link dev.seal4j.seal.world.PassageWriter}, {@link dev.seal4j.seal.world.QuestionBank} — biographies
 *       and questions (direct and two-hop, with held-out phrasings).</li>
 *   <li>{@link dev.seal4j.seal.world.TeacherImplications}, {@link dev.seal4j.seal.world.SelfEditDemonstrations}
 *       — ground-truth self-edits and base-model-like demonstrations.</li>
 *   <li>{@link dev.seal4j.seal.world.PretrainingCorpus}, {@link dev.seal4j.seal.world.CurriculumStage} — the
 *       curriculum corpus, document k of a stage on demand.</li>
 *   <li>{@link dev.seal4j.seal.world.WorldExport} — SQuAD-style JSON; {@link dev.seal4j.seal.world.FactChecker}
 *       — fact precision of self-edits.</li>
 * </ul>
 */
package dev.seal4j.seal.world;
