package org.alchemiststack.faults;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The row the fault tests write: an assigned id and a name. */
@Entity
@Table(name = "ft_item")
class Item {
    @Id
    Long id;
    String name;

    Item() {
    }

    Item(long id, String name) {
        this.id = id;
        this.name = name;
    }
}
