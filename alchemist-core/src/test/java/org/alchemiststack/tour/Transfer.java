package org.alchemiststack.tour;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

@Table(name = "transfer")
public record Transfer(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id,
                       long fromId, long toId, BigDecimal amount, Instant at) {
}
