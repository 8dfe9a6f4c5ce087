package dev.replyflow.contact;

import java.util.Set;

/** The CSV shape of contacts (header phone,name,language,&lt;field&gt;…) and formula-injection safety. */
public final class ContactCsv {

    /** Columns that are contact attributes; every other column is a dynamic field. */
    public static final Set<String> RESERVED_COLUMNS = Set.of("phone", "name", "language");

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private ContactCsv() {
    }

    /**
     * A cell a spreadsheet would run as a formula (it starts with = + - @, tab or CR) gets a leading
     * apostrophe, so the spreadsheet shows it as text instead.
     */
    public static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        return FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** The inverse of {@link #neutralize}, so that an exported file imports back unchanged. */
    public static String restore(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && FORMULA_STARTS.indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }
}
