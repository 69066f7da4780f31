package org.alchemiststack.contract.models;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A model whose table and column names are reserved words in SQL. */
@Table(name = "order")
public record Reserved(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, String user, int order,
        String group) {
}
