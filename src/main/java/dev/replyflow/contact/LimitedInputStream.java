package dev.replyflow.contact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails as soon as more than {@code max} bytes have been read, so an oversized upload is never read whole. */
class LimitedInputStream extends FilterInputStream {

    static class TooLargeException extends IOException {
        TooLargeException(long max) {
            super("more than " + max + " bytes");
        }
    }

    private final long max;
    private long count;

    LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) throws TooLargeException {
        count += n;
        if (count > max) {
            throw new TooLargeException(max);
        }
    }
}
