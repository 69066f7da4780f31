package org.alchemiststack.query;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The model most query tests run on: a text, a nullable text, a nullable number and a non-null number. */
@Entity
@Table(name = "q_person")
public class Person {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, length = 60)
    public String name;
    @Column(length = 60)
    public String nickname;
    public Integer age;
    public int score;

    public Person() {
    }

    public Person(String name, String nickname, Integer age, int score) {
        this.name = name;
        this.nickname = nickname;
        this.age = age;
        this.score = score;
    }

    @Override
    public String toString() {
        return "Person[" + id + ", " + name + ", " + nickname + ", " + age + ", " + score + "]";
    }

    private static final String[] STEMS = {"ada", "Ada", "ADA", "bob", "Bob_1", "bob%2", "carol 2", "dave", "Émile",
        "zoë", "a_b", "a!b", "a\\b", "100%", "Zed", "_under", "x-ray", "0day", "~tilde", "eve"};

    /**
     * Rows from a fixed seed: names repeat with different case and punctuation, a third of the nicknames and ages are
     * null. No name ends with a space (MariaDB's PAD SPACE collations would ignore it).
     */
    public static List<Person> sample(int n, long seed) {
        Random r = new Random(seed);
        List<Person> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = STEMS[r.nextInt(STEMS.length)] + (r.nextInt(3) == 0 ? "" : "-" + r.nextInt(10));
            String nick = r.nextInt(3) == 0 ? null : STEMS[r.nextInt(STEMS.length)];
            Integer age = r.nextInt(3) == 0 ? null : 18 + r.nextInt(50);
            out.add(new Person(name, nick, age, r.nextInt(10)));
        }
        return out;
    }
}
