package demo.app.model;

import java.math.BigDecimal;

/** Not a model: a record that rows of plain SQL are read into. */
public record Balance(String owner, BigDecimal balance) {
}
