package org.alchemiststack.contract.models;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A record model with an assigned UUID id and a spread of types. */
@Table(name = "c_reading")
public record Reading(@Id UUID id, Instant takenAt, LocalDate day, @Column(precision = 20, scale = 6) BigDecimal value,
        @Enumerated(EnumType.STRING) Color color, byte[] payload, Double ratio) {
}
