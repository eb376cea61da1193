package io.flashsale.order.persistence;

/**
 * Rows in the text format of PostgreSQL's {@code COPY … FROM STDIN}: columns separated by a tab, rows
 * ended by a newline, {@code \N} for NULL, and a backslash, tab, newline or carriage return inside a
 * value escaped with a backslash, so any value reads back as written.
 */
final class CopyText {

    private CopyText() {
    }

    /**
     * Appends one row: each value as its {@code toString()}, NULL for null.
     *
     * @throws IllegalArgumentException for a value holding a NUL character, which a PostgreSQL text
     *                                  column cannot store
     */
    static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                out.append("\\N");
            } else {
                escape(out, value.toString());
            }
        }
        out.append('\n');
    }

    private static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> throw new IllegalArgumentException("a NUL character cannot be written to PostgreSQL");
                default -> out.append(c);
            }
        }
    }
}
