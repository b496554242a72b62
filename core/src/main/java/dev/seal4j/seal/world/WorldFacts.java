package dev.seal4j.seal.world;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The world's facts and the texts that teach them: a short encyclopedia entry per entity (city, organisation,
 * university, country) in varied phrasings, and question–answer blocks about each entity in the same format
 * as questions about people.
 */
public final class WorldFacts {
    private static final Map<WorldRelation, List<Template>> STATEMENTS = Map.of(
            WorldRelation.CITY_COUNTRY, templates("{city} is a city in {country}.", "{city} lies in {country}.",
                    "The city of {city} is located in {country}.", "{country} is home to the city of {city}.",
                    "{city} is one of the cities of {country}."),
            WorldRelation.ORGANISATION_CITY, templates("{org} is headquartered in {city}.",
                    "{org} has its head office in {city}.", "The headquarters of {org} are in {city}.",
                    "{org} is based in {city}."),
            WorldRelation.ORGANISATION_FOUNDED, templates("{org} was founded in {year}.",
                    "{org} was established in {year}.", "{org} has existed since {year}."),
            WorldRelation.ORGANISATION_INDUSTRY, templates("{org} is {a_industry} company.",
                    "{org} operates in the {industry} industry.", "{org} works in {industry}."),
            WorldRelation.UNIVERSITY_CITY, templates("{uni} is located in {city}.", "{uni} is a university in {city}.",
                    "The campus of {uni} is in {city}."));
    private static final List<Template> ORGANISATION_SUMMARIES = templates(
            "{org}, {a_industry} company founded in {year}, is based in {city}.",
            "Founded in {year}, {org} is {a_industry} company headquartered in {city}.");
    private static final List<Template> COUNTRY_SUMMARIES = templates(
            "{country} is a country whose cities include {cities}.", "The cities of {country} include {cities}.");
    private static final Map<WorldRelation, List<Template>> QUESTIONS = Map.of(
            WorldRelation.CITY_COUNTRY, templates("In which country is {city}?", "Which country is {city} in?",
                    "What country is {city} located in?"),
            WorldRelation.ORGANISATION_CITY, templates("Where is {org} headquartered?", "In which city is {org} based?",
                    "Which city is {org} based in?"),
            WorldRelation.ORGANISATION_FOUNDED, templates("When was {org} founded?", "In which year was {org} established?"),
            WorldRelation.ORGANISATION_INDUSTRY, templates("What industry is {org} in?",
                    "In which industry does {org} operate?"),
            WorldRelation.UNIVERSITY_CITY, templates("Where is {uni} located?", "In which city is {uni}?"));

    private final World world;
    private final List<String> entities = new ArrayList<>();
    private final List<WorldFact> facts = new ArrayList<>();
    private final Map<String, List<WorldFact>> factsByEntity = new HashMap<>();

    public WorldFacts(World world) {
        this.world = world;
        for (City city : world.cities()) {
            addEntity(city.name(), new WorldFact(city.name(), WorldRelation.CITY_COUNTRY, city.country()));
        }
        for (Organisation org : world.organisations()) {
            addEntity(org.name(), new WorldFact(org.name(), WorldRelation.ORGANISATION_CITY, org.city()),
                    new WorldFact(org.name(), WorldRelation.ORGANISATION_FOUNDED, Integer.toString(org.founded())),
                    new WorldFact(org.name(), WorldRelation.ORGANISATION_INDUSTRY, org.industry()));
        }
        for (University university : world.universities()) {
            addEntity(university.name(), new WorldFact(university.name(), WorldRelation.UNIVERSITY_CITY, university.city()));
        }
        for (String country : world.countries()) {
            entities.add(country); // a country's entry lists its cities: CITY_COUNTRY facts seen from the other side
            factsByEntity.put(country, List.of());
        }
    }

    private void addEntity(String name, WorldFact... entityFacts) {
        entities.add(name);
        factsByEntity.put(name, List.of(entityFacts));
        facts.addAll(List.of(entityFacts));
    }

    private static List<Template> templates(String... sources) {
        return Arrays.stream(sources).map(Template::of).toList();
    }

    /** Every world fact (each once). */
    public List<WorldFact> facts() {
        return List.copyOf(facts);
    }

    /** Cities, organisations, universities and countries, in that order. */
    public List<String> entities() {
        return List.copyOf(entities);
    }

    /** An encyclopedia entry: "{entity}\n{sentences}", stating all the entity's facts in random wording. */
    public String entry(int entityIndex, Rng rng) {
        String entity = entities.get(entityIndex);
        List<WorldFact> own = factsByEntity.get(entity);
        List<String> sentences = new ArrayList<>();
        if (own.isEmpty()) {
            List<String> cities = rng.shuffled(world.cities().stream().filter(c -> c.country().equals(entity))
                    .map(City::name).toList());
            sentences.add(rng.pick(COUNTRY_SUMMARIES).render(slots(Map.of("country", entity, "cities", commaList(cities)))));
        } else if (own.size() > 1 && rng.chance(0.4)) {
            Organisation org = world.organisation(entity);
            sentences.add(rng.pick(ORGANISATION_SUMMARIES).render(organisationSlots(org)));
        } else {
            for (WorldFact fact : rng.shuffled(own)) {
                sentences.add(rng.pick(STATEMENTS.get(fact.relation())).render(factSlots(fact)));
            }
        }
        return entity + "\n" + String.join(" ", sentences);
    }

    /** Question–answer blocks about one entity (each of its facts, random phrasing), separated by blank lines. */
    public String questions(int entityIndex, Rng rng) {
        String entity = entities.get(entityIndex);
        List<WorldFact> own = factsByEntity.get(entity);
        List<String> blocks = new ArrayList<>();
        if (own.isEmpty()) { // a country: ask for the country of some of its cities instead
            List<City> cities = world.cities().stream().filter(c -> c.country().equals(entity)).toList();
            for (City city : rng.shuffled(cities).subList(0, Math.min(3, cities.size()))) {
                WorldFact fact = new WorldFact(city.name(), WorldRelation.CITY_COUNTRY, entity);
                blocks.add(block(fact, rng));
            }
        } else {
            for (WorldFact fact : rng.shuffled(own)) {
                blocks.add(block(fact, rng));
            }
        }
        return String.join(TextFormat.BLOCK_SEPARATOR, blocks);
    }

    private String block(WorldFact fact, Rng rng) {
        String question = rng.pick(QUESTIONS.get(fact.relation())).render(factSlots(fact));
        return TextFormat.answeredQuestion(fact.subject(), question, fact.object());
    }

    private UnaryOperator<String> factSlots(WorldFact fact) {
        return switch (fact.relation()) {
            case CITY_COUNTRY -> slots(Map.of("city", fact.subject(), "country", fact.object()));
            case UNIVERSITY_CITY -> slots(Map.of("uni", fact.subject(), "city", fact.object()));
            default -> organisationSlots(world.organisation(fact.subject()));
        };
    }

    private static UnaryOperator<String> organisationSlots(Organisation org) {
        return slots(Map.of("org", org.name(), "city", org.city(), "year", Integer.toString(org.founded()),
                "industry", org.industry(), "a_industry", Voice.withArticle(org.industry())));
    }

    private static UnaryOperator<String> slots(Map<String, String> values) {
        return slot -> {
            String value = values.get(slot);
            if (value == null) {
                throw new IllegalArgumentException("unknown world-fact slot {" + slot + "}");
            }
            return value;
        };
    }

    static String commaList(List<String> items) {
        if (items.size() == 1) {
            return items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }
}
