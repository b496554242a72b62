package dev.seal4j.seal.world;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * Every sentence the world writes about a person: biographies choose among those that state direct
 * attributes; rewrites and implications may also use those that state implied (two-hop) ones. The same
 * sentences serve as implications, so a demonstration can restate or paraphrase a passage.
 */
final class SentenceBank {
    static final List<SentenceTemplate> SENTENCES = List.of(
            SentenceTemplate.of("{S} {v:was} born in {birth_year}."),
            SentenceTemplate.of("{P} year of birth is {birth_year}."),
            SentenceTemplate.of("{S} {v:was} born in the year {birth_year}."),
            SentenceTemplate.of("{S} {v:was} born in {birth_city}."),
            SentenceTemplate.of("{S} {v:be} a native of {birth_city}."),
            SentenceTemplate.of("{P} hometown is {birth_city}."),
            SentenceTemplate.of("{S} {v:come} from {birth_city}, where {pro} {pv:was} born."),
            SentenceTemplate.of("{S} attended {university}."),
            SentenceTemplate.of("{S} graduated from {university}."),
            SentenceTemplate.of("{S} {v:be} a graduate of {university}."),
            SentenceTemplate.of("{S} studied {field}."),
            SentenceTemplate.of("{P} field of study was {field}."),
            SentenceTemplate.of("{S} majored in {field}."),
            SentenceTemplate.of("{S} {v:work} at {employer}."),
            SentenceTemplate.of("{S} {v:be} employed by {employer}."),
            SentenceTemplate.of("{P} employer is {employer}."),
            SentenceTemplate.of("{S} joined {employer} after graduating."),
            SentenceTemplate.of("{S} {v:work} as {a_role}."),
            SentenceTemplate.of("{P} job title is {role}."),
            SentenceTemplate.of("By profession, {S} {v:be} {a_role}."),
            SentenceTemplate.of("{S} {v:enjoy} {hobby}."),
            SentenceTemplate.of("{P} favourite pastime is {hobby}."),
            SentenceTemplate.of("{S} {v:be} passionate about {hobby}."),
            SentenceTemplate.of("In {pos} free time, {S} {v:enjoy} {hobby}."),
            SentenceTemplate.of("{S} {v:have} {a_pet_kind} named {pet}."),
            SentenceTemplate.of("{P} {pet_kind} is called {pet}."),
            SentenceTemplate.of("{S} {v:own} {a_pet_kind} called {pet}."),

            SentenceTemplate.of("{S} {v:was} born in {birth_city} in {birth_year}."),
            SentenceTemplate.of("{S} {v:was} born in {birth_year} in {birth_city}."),
            SentenceTemplate.of("{P} birthplace is {birth_city}, where {pro} {pv:was} born in {birth_year}."),
            SentenceTemplate.of("{S} studied {field} at {university}."),
            SentenceTemplate.of("{S} {v:hold} a degree in {field} from {university}."),
            SentenceTemplate.of("At {university}, {S} studied {field}."),
            SentenceTemplate.of("{S} graduated from {university} with a degree in {field}."),
            SentenceTemplate.of("{S} {v:work} as {a_role} at {employer}."),
            SentenceTemplate.of("{S} {v:be} {a_role} at {employer}."),
            SentenceTemplate.of("{S} {v:work} for {employer} as {a_role}."),
            SentenceTemplate.of("At {employer}, {S} {v:serve} as {a_role}."),
            SentenceTemplate.of("{S} {v:enjoy} {hobby} and {v:live} with {pos} {pet_kind}, {pet}."),
            SentenceTemplate.of("When not busy with {hobby}, {S} {v:spend} time with {pos} {pet_kind} {pet}."),
            SentenceTemplate.of("Born in {birth_city} in {birth_year}, {S} later studied {field} at {university}."),
            SentenceTemplate.of("{S} {v:was} born in {birth_year} and now {v:work} at {employer}."),
            SentenceTemplate.of("After studying {field} at {university}, {S} joined {employer} as {a_role}."),
            SentenceTemplate.of("{S} {v:be} {a_role} from {birth_city}."),
            SentenceTemplate.of("Trained in {field}, {S} now {v:work} as {a_role}."),

            // Implied facts: only in rewrites and implications, never in a passage's own text.
            SentenceTemplate.of("{S} {v:was} born in {birth_country}."),
            SentenceTemplate.of("{P} country of birth is {birth_country}."),
            SentenceTemplate.of("{S} {v:was} born in {birth_city}, a city in {birth_country}."),
            SentenceTemplate.of("{S} {v:come} from {birth_country}, since {birth_city} is in {birth_country}."),
            SentenceTemplate.of("{S} {v:work} in {work_city}."),
            SentenceTemplate.of("{P} workplace is in {work_city}."),
            SentenceTemplate.of("{S} {v:work} at {employer} in {work_city}."),
            SentenceTemplate.of("{S} {v:work} in {work_city}, where {employer} is headquartered."),
            SentenceTemplate.of("{P} employer was founded in {founded}."),
            SentenceTemplate.of("{S} {v:work} for a company founded in {founded}."),
            SentenceTemplate.of("{S} {v:work} at {employer}, which was founded in {founded}."),
            SentenceTemplate.of("{S} {v:work} in the {industry} industry."),
            SentenceTemplate.of("{P} employer is {a_industry} company."),
            SentenceTemplate.of("{S} {v:work} at {employer}, {a_industry} company."),
            SentenceTemplate.of("{S} studied in {uni_city}."),
            SentenceTemplate.of("{P} university is located in {uni_city}."),
            SentenceTemplate.of("{S} attended {university} in {uni_city}."),
            SentenceTemplate.of("{S} went to university in {uni_country}."),
            SentenceTemplate.of("{P} university is in {uni_country}."),
            SentenceTemplate.of("{S} studied at {university} in {uni_city}, {uni_country}."));

    /** Sentences mentioning the associate, by the associate's attribute. */
    static final Map<Attribute, List<Template>> ASSOCIATE_SENTENCES = Map.of(
            Attribute.EMPLOYER, templates("{P} {rel}, {aname}, works at {avalue}.",
                    "{S} {v:have} {a_rel} named {aname} who works for {avalue}.",
                    "{aname}, {P} {rel}, is employed by {avalue}."),
            Attribute.BIRTH_CITY, templates("{P} {rel}, {aname}, was born in {avalue}.",
                    "{aname}, {P} {rel}, comes from {avalue}.",
                    "{S} {v:have} {a_rel} named {aname} who was born in {avalue}."),
            Attribute.UNIVERSITY, templates("{P} {rel}, {aname}, studied at {avalue}.",
                    "{aname}, {P} {rel}, graduated from {avalue}."),
            Attribute.ROLE, templates("{P} {rel}, {aname}, works as {a_avalue}.",
                    "{aname}, {P} {rel}, is {a_avalue}."),
            Attribute.HOBBY, templates("{P} {rel}, {aname}, enjoys {avalue}.",
                    "{aname}, {P} {rel}, is a keen fan of {avalue}."),
            Attribute.BIRTH_YEAR, templates("{P} {rel}, {aname}, was born in {avalue}.",
                    "{aname}, {P} {rel}, was born in {avalue}."));

    /** Plain statements of the associate link, used in implications. */
    static final List<Template> ASSOCIATE_LINKS = templates("{name}'s {rel} is {aname}.", "{aname} is {name}'s {rel}.");

    private SentenceBank() {
    }

    private static List<Template> templates(String... sources) {
        return Arrays.stream(sources).map(Template::of).toList();
    }

    /** Sentences stating exactly one attribute. */
    static List<SentenceTemplate> statementsOf(Attribute attribute) {
        return SENTENCES.stream().filter(s -> s.covers().equals(Set.of(attribute))).toList();
    }
}
