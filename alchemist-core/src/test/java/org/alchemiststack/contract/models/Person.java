package org.alchemiststack.contract.models;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A class entity with a generated id, a NOT NULL column of limited length, a unique column and a version. */
@Entity
@Table(name = "c_person")
public class Person {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, length = 40)
    public String name;
    @Column(unique = true, length = 100)
    public String email;
    public int age;
    @Version
    public long version;

    public Person() {
    }

    public Person(String name, String email, int age) {
        this.name = name;
        this.email = email;
        this.age = age;
    }
}
