package org.alchemiststack.dialect;

import java.util.List;

/** Small SQL text helpers shared by the dialects; used when SQL is prepared at start-up, never per row. */
final class Sql {
    private Sql() {
    }

    static String insertValues(String table, List<String> columns, int rows) {
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", columns)).append(") VALUES ");
        String row = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "" : ", ").append(row);
        }
        return sb.toString();
    }

    static String assignEach(List<String> columns, String sourcePrefix) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c).append(" = ").append(sourcePrefix).append(c);
        }
        return sb.toString();
    }
}
