package dev.seal4j.seal.world;

import dev.seal4j.engine.BadInputException;

/**
 * How big a world is: its places and organisations, and the name pools people are drawn from.
 *
 * @param givenNames  size of the pool of given names
 * @param familyNames size of the pool of family names (given × family combinations name the people)
 * @param petNames    size of the pool of pet names
 */
public record WorldShape(int countries, int cities, int organisations, int universities,
                         int givenNames, int familyNames, int petNames) {
    public static final WorldShape DEFAULT = new WorldShape(10, 50, 40, 20, 400, 800, 200);

    public WorldShape {
        if (countries < 2 || cities < countries || organisations < 2 || universities < 2) {
            throw new BadInputException("world shape needs >= 2 countries, at least one city per country, >= 2 "
                    + "organisations and >= 2 universities; got " + countries + "/" + cities + "/" + organisations
                    + "/" + universities);
        }
        if (givenNames < 10 || familyNames < 10 || petNames < 2) {
            throw new BadInputException("world shape needs >= 10 given and family names and >= 2 pet names");
        }
    }
}
