package org.alchemiststack.uow.pins;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A class entity with an assigned id, a text and a version. */
@Entity
@Table(name = "pin_note")
public class Note {
    @Id
    public Long id;
    @Column(length = 60)
    public String text;
    @Version
    public long version;

    public Note() {
    }

    public Note(long id, String text) {
        this.id = id;
        this.text = text;
    }
}
