package org.alchemiststack.contract.models;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A record model with a generated id. */
@Table(name = "c_item")
public record Item(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id,
        @Column(nullable = false, length = 40) String name, int quantity, String note) {

    public static Item of(String name, int quantity, String note) {
        return new Item(null, name, quantity, note);
    }

    public Item withName(String newName) {
        return new Item(id, newName, quantity, note);
    }

    public Item withQuantity(int newQuantity) {
        return new Item(id, name, newQuantity, note);
    }
}
