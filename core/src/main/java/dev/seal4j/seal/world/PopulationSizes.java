package dev.seal4j.seal.world;

import dev.seal4j.engine.BadInputException;

/**
 * How many people each split holds, and how pretraining treats its people.
 *
 * @param pretrain           people the model is pretrained on
 * @param train              SEAL-training people (contexts of the RL outer loop)
 * @param eval               evaluation people per evaluation seed
 * @param qaHeldOutFraction  fraction of pretraining people who get biographies but no question–answer
 *                           documents, so that extraction of stored knowledge can be measured on them
 * @param biographyVariants  differently worded biographies per pretraining person (augmentation)
 */
public record PopulationSizes(int pretrain, int train, int eval, double qaHeldOutFraction, int biographyVariants) {
    public static final PopulationSizes DEFAULT = new PopulationSizes(3000, 300, 300, 0.25, 6);

    public PopulationSizes {
        if (pretrain < 1 || train < 2 || eval < 2) {
            throw new BadInputException("population sizes must be >= 1 (pretrain) and >= 2 (train, eval); got "
                    + pretrain + "/" + train + "/" + eval);
        }
        if (!(qaHeldOutFraction >= 0 && qaHeldOutFraction < 1)) {
            throw new BadInputException("qaHeldOutFraction must be in [0, 1), got " + qaHeldOutFraction);
        }
        if (biographyVariants < 1) {
            throw new BadInputException("biographyVariants must be >= 1, got " + biographyVariants);
        }
    }
}
