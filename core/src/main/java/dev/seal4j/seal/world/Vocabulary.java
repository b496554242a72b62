package dev.seal4j.seal.world;

import java.util.List;
import java.util.stream.Stream;

/**
 * The fixed English words of the world: fields of study, industries, job titles, hobbies, pets, and the words
 * that make organisation and university names. Kept disjoint, so that a value names exactly one kind of thing
 * (an industry is never a field of study, "engineer" is a role and "engineering" a field).
 */
public final class Vocabulary {
    public static final List<String> FIELDS_OF_STUDY = List.of(
            "mathematics", "physics", "chemistry", "biology", "history", "law", "medicine", "economics",
            "philosophy", "linguistics", "architecture", "geology", "music", "literature", "astronomy",
            "statistics", "sociology", "engineering", "agriculture", "psychology");
    public static final List<String> INDUSTRIES = List.of(
            "shipping", "mining", "software", "banking", "publishing", "aviation", "textiles", "insurance",
            "robotics", "pharmaceuticals", "logistics", "energy", "telecommunications", "construction",
            "retail", "tourism", "brewing", "fishing", "forestry", "glassmaking");
    public static final List<String> ROLES = List.of(
            "engineer", "accountant", "designer", "analyst", "translator", "nurse", "pilot", "chef", "lawyer",
            "technician", "manager", "researcher", "editor", "surveyor", "architect", "programmer", "clerk",
            "photographer", "consultant", "mechanic", "inspector", "archivist");
    public static final List<String> HOBBIES = List.of(
            "chess", "sailing", "painting", "gardening", "birdwatching", "pottery", "fencing", "rowing",
            "knitting", "climbing", "cycling", "archery", "juggling", "origami", "baking", "hiking", "kayaking",
            "calligraphy", "woodworking", "skating", "beekeeping", "astrophotography", "stamp collecting", "yoga");
    public static final List<String> PET_KINDS = List.of(
            "cat", "dog", "parrot", "rabbit", "tortoise", "horse", "ferret", "goldfish", "hamster", "owl");
    /** Second words of organisation names; chosen so that none gives the industry away. */
    public static final List<String> ORGANISATION_SUFFIXES = List.of(
            "Group", "Holdings", "Partners", "Works", "Company", "Collective", "Consortium", "Alliance");
    /** University name shapes; % is the made-up root word. */
    public static final List<String> UNIVERSITY_SHAPES = List.of(
            "% University", "University of %", "% Institute", "% College", "% Academy");
    public static final List<String> COUNTRY_ENDINGS = List.of("ria", "nia", "var", "dor", "mar", "land");

    private Vocabulary() {
    }

    /** Every fixed word (lower case), so made-up names can avoid them. */
    static List<String> allWords() {
        return Stream.of(FIELDS_OF_STUDY, INDUSTRIES, ROLES, HOBBIES, PET_KINDS, ORGANISATION_SUFFIXES,
                        List.of("university", "institute", "college", "academy"))
                .flatMap(List::stream)
                .flatMap(value -> Stream.of(value.split(" ")))
                .toList();
    }

    /** "a" or "an" for a word (all vocabulary words are ordinary English; no silent h or "uni-"). */
    public static String article(String word) {
        return "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an" : "a";
    }
}
