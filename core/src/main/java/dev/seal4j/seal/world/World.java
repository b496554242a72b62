package dev.seal4j.seal.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in world's places and organisations, fixed by the world seed: countries, cities (each in a
 * country), organisations (headquarters city, industry, founding year) and universities (each in a city),
 * plus the name pools that people are drawn from ({@link Populations}). Every made-up word is unique across
 * all of these, so a name always means one thing.
 */
public final class World {
    /** Founding years of organisations. */
    public static final int FIRST_FOUNDING_YEAR = 1820;
    public static final int LAST_FOUNDING_YEAR = 1995;

    private final long seed;
    private final List<String> countries;
    private final List<City> cities;
    private final List<Organisation> organisations;
    private final List<University> universities;
    private final List<String> givenNames;
    private final List<String> familyNames;
    private final List<String> petNames;
    private final Map<String, City> cityByName = new HashMap<>();
    private final Map<String, Organisation> organisationByName = new HashMap<>();
    private final Map<String, University> universityByName = new HashMap<>();

    private World(long seed, List<String> countries, List<City> cities, List<Organisation> organisations,
                  List<University> universities, List<String> givenNames, List<String> familyNames,
                  List<String> petNames) {
        this.seed = seed;
        this.countries = List.copyOf(countries);
        this.cities = List.copyOf(cities);
        this.organisations = List.copyOf(organisations);
        this.universities = List.copyOf(universities);
        this.givenNames = List.copyOf(givenNames);
        this.familyNames = List.copyOf(familyNames);
        this.petNames = List.copyOf(petNames);
        cities.forEach(c -> cityByName.put(c.name(), c));
        organisations.forEach(o -> organisationByName.put(o.name(), o));
        universities.forEach(u -> universityByName.put(u.name(), u));
    }

    /** The world of a seed with the default shape. */
    public static World generate(long seed) {
        return generate(seed, WorldShape.DEFAULT);
    }

    public static World generate(long seed, WorldShape shape) {
        Rng rng = Rng.of(seed, 0x57_0E_1D);
        NameMaker names = new NameMaker();
        names.reserve(Vocabulary.allWords());

        List<String> countries = new ArrayList<>();
        for (int i = 0; i < shape.countries(); i++) {
            countries.add(names.word(rng, 2, 0, rng.pick(Vocabulary.COUNTRY_ENDINGS)));
        }
        List<City> cities = new ArrayList<>();
        for (int i = 0; i < shape.cities(); i++) {
            String country = i < countries.size() ? countries.get(i) : rng.pick(countries); // every country has a city
            cities.add(new City(names.word(rng, rng.between(2, 3), 0.6, ""), country));
        }
        List<Organisation> organisations = new ArrayList<>();
        for (int i = 0; i < shape.organisations(); i++) {
            String name = names.word(rng, 2, 0.5, "") + " " + rng.pick(Vocabulary.ORGANISATION_SUFFIXES);
            organisations.add(new Organisation(name, rng.pick(cities).name(), rng.pick(Vocabulary.INDUSTRIES),
                    rng.between(FIRST_FOUNDING_YEAR, LAST_FOUNDING_YEAR)));
        }
        List<University> universities = new ArrayList<>();
        for (int i = 0; i < shape.universities(); i++) {
            String name = rng.pick(Vocabulary.UNIVERSITY_SHAPES).replace("%", names.word(rng, rng.between(2, 3), 0.5, ""));
            universities.add(new University(name, rng.pick(cities).name()));
        }
        List<String> given = words(names, rng, shape.givenNames(), 0.3);
        List<String> family = words(names, rng, shape.familyNames(), 0.7);
        List<String> pets = new ArrayList<>();
        for (int i = 0; i < shape.petNames(); i++) {
            pets.add(names.word(rng, 2, 0.3, ""));
        }
        return new World(seed, countries, cities, organisations, universities, given, family, pets);
    }

    private static List<String> words(NameMaker names, Rng rng, int count, double codaChance) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(names.word(rng, rng.chance(0.65) ? 2 : 3, codaChance, ""));
        }
        return out;
    }

    public long seed() {
        return seed;
    }

    public List<String> countries() {
        return countries;
    }

    public List<City> cities() {
        return cities;
    }

    public List<Organisation> organisations() {
        return organisations;
    }

    public List<University> universities() {
        return universities;
    }

    public List<String> givenNames() {
        return givenNames;
    }

    public List<String> familyNames() {
        return familyNames;
    }

    public List<String> petNames() {
        return petNames;
    }

    public City city(String name) {
        return lookup(cityByName, name, "city");
    }

    public Organisation organisation(String name) {
        return lookup(organisationByName, name, "organisation");
    }

    public University university(String name) {
        return lookup(universityByName, name, "university");
    }

    /** The country a city lies in. */
    public String countryOf(String city) {
        return city(city).country();
    }

    private static <T> T lookup(Map<String, T> map, String name, String kind) {
        T value = map.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + kind + " named '" + name + "' in this world");
        }
        return value;
    }
}
