package dev.seal4j.seal.world;

/**
 * A company or institution people work for.
 *
 * @param name     e.g. "Darvel Holdings"
 * @param city     the headquarters city
 * @param industry the field it works in (from {@link Vocabulary#INDUSTRIES})
 * @param founded  the founding year
 */
public record Organisation(String name, String city, String industry, int founded) {
}
