package org.alchemiststack.processor.models;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A record model with an assigned id, a version, one component of every supported type and a transient one. */
@Entity
@Table(name = "p_gen_record")
public record GenRecord(
        @Id long id,
        @Version Long version,
        boolean flag,
        byte tiny,
        short small,
        int number,
        long big,
        float single,
        double dbl,
        Boolean boxedFlag,
        Byte boxedTiny,
        Short boxedSmall,
        Integer boxedNumber,
        Long boxedBig,
        Float boxedSingle,
        Double boxedDbl,
        @Column(length = 255) String text,
        @Column(precision = 38, scale = 10) BigDecimal amount,
        UUID ref,
        Instant instant,
        LocalDateTime localDateTime,
        LocalTime localTime,
        OffsetDateTime offsetDateTime,
        LocalDate localDate,
        byte[] bytes,
        @Enumerated(EnumType.STRING) Color colorName,
        @Enumerated(EnumType.ORDINAL) Color colorOrdinal,
        @Transient int ignored) {
}
