package dev.replyflow.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * A contacts CSV of any length, generated row by row while it is read: the test never holds the file.
 * Header phone,name,town; phones are Italian mobiles "+39" + prefix + 7 digits.
 */
public final class GeneratedCsv {

    private final int rows;
    private final String prefix;
    private final String padding;

    public GeneratedCsv(int rows, String prefix, int nameLength) {
        this.rows = rows;
        this.prefix = prefix;
        this.padding = "x".repeat(Math.max(0, nameLength - 16));
    }

    public String phone(int row) {
        return "+39" + prefix + (1_000_000 + row);
    }

    public InputStream stream() {
        return new SequenceInputStream(new Enumeration<InputStream>() {
            private int next = -1;

            @Override
            public boolean hasMoreElements() {
                return next < rows;
            }

            @Override
            public InputStream nextElement() {
                String line = next < 0 ? "phone,name,town\n"
                        : phone(next) + ",Contact " + next + " " + padding + ",Town " + (next % 100) + "\n";
                next++;
                return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
