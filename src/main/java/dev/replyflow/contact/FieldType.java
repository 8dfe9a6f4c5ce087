package dev.replyflow.contact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The type of a dynamic field. Values are stored as canonical text (numbers plain, dates ISO,
 * booleans true/false) and given back to JSON in their own type.
 */
public enum FieldType {
    TEXT {
        @Override
        String parse(String raw) {
            if (raw.length() > 1000) {
                throw new IllegalArgumentException("text longer than 1000 characters");
            }
            return raw;
        }

        @Override
        public Object toJson(String canonical) {
            return canonical;
        }
    },
    NUMBER {
        @Override
        String parse(String raw) {
            try {
                return new BigDecimal(raw.strip()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + raw + "' is not a number (write it like 1234.5)");
            }
        }

        @Override
        public Object toJson(String canonical) {
            return new BigDecimal(canonical);
        }
    },
    DATE {
        @Override
        String parse(String raw) {
            try {
                return LocalDate.parse(raw.strip()).toString();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + raw + "' is not a date (write it as YYYY-MM-DD)");
            }
        }

        @Override
        public Object toJson(String canonical) {
            return canonical;
        }
    },
    BOOLEAN {
        @Override
        String parse(String raw) {
            return switch (raw.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "y" -> "true";
                case "false", "no", "0", "n" -> "false";
                default -> throw new IllegalArgumentException("'" + raw + "' is not a boolean (true or false)");
            };
        }

        @Override
        public Object toJson(String canonical) {
            return Boolean.valueOf(canonical);
        }
    };

    /** @throws IllegalArgumentException naming what is wrong with the value */
    abstract String parse(String raw);

    public abstract Object toJson(String canonical);

    /** The canonical text of a value given as JSON (string, number or boolean) or as a CSV cell. */
    public String canonical(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("a value is required");
        }
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException("expected a single " + name().toLowerCase(Locale.ROOT) + " value");
        }
        return parse(value.toString());
    }
}
