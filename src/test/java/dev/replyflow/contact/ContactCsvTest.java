package dev.replyflow.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactCsvTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+393331234567", "-2", "@SUM(A1)", "\tcmd", "\rcmd"})
    void cellsASpreadsheetWouldRunAreNeutralizedAndRestored(String cell) {
        String safe = ContactCsv.neutralize(cell);
        assertThat(safe).isEqualTo("'" + cell);
        assertThat(ContactCsv.restore(safe)).isEqualTo(cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mario", "it's fine", "'quoted", "3 + 4"})
    void otherCellsPassUnchanged(String cell) {
        assertThat(ContactCsv.neutralize(cell)).isEqualTo(cell);
        assertThat(ContactCsv.restore(cell)).isEqualTo(cell);
    }
}
