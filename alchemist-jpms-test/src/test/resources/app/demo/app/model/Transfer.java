package demo.app.model;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A model record. */
@Table(name = "jpms_transfer_@SUFFIX@")
public record Transfer(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, long fromId, long toId,
        BigDecimal amount) {
}
