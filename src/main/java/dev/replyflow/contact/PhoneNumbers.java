package dev.replyflow.contact;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Normalizes phone numbers to E.164; numbers without a country code are read in the default region. */
@Component
public class PhoneNumbers {

    /** Numbers remembered at most: a few MB, and more than the contacts writing in any minute. */
    static final int REMEMBERED = 50_000;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;
    /**
     * Valid numbers already read, by region and number as written: every WhatsApp message names its sender, and parsing
     * and validating it was a few percent of a reply's CPU. Emptied when full, so it never grows past its bound.
     */
    private final Map<String, String> read = new ConcurrentHashMap<>();

    public PhoneNumbers(@Value("${replyflow.contacts.default-region:IT}") String defaultRegion) {
        if (!util.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalStateException("replyflow.contacts.default-region '" + defaultRegion + "' is not a region code like IT");
        }
        this.defaultRegion = defaultRegion;
    }

    /**
     * @return the number in E.164, e.g. {@code +393331234567}
     * @throws IllegalArgumentException with a reason a person can act on
     */
    public String toE164(String raw) {
        return parse(raw, defaultRegion, "default region " + defaultRegion);
    }

    /**
     * A number as written for an address in {@code region} (an ISO country such as US): a national number is read
     * there, an international one (+…) anywhere. Without a known region, the default region.
     *
     * @throws IllegalArgumentException with a reason a person can act on
     */
    public String toE164(String raw, String region) {
        if (region == null || !util.getSupportedRegions().contains(region)) {
            return toE164(raw);
        }
        return parse(raw, region, "read in " + region);
    }

    private String parse(String raw, String region, String how) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("a phone number is required");
        }
        String key = region + ':' + raw;
        String known = read.get(key);
        if (known != null) {
            return known;
        }
        String e164 = validE164(raw, region, how);
        if (read.size() >= REMEMBERED) {
            read.clear();
        }
        read.put(key, e164);
        return e164;
    }

    private String validE164(String raw, String region, String how) {
        PhoneNumber number;
        try {
            number = util.parse(raw.strip(), region);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("'" + raw.strip() + "' is not a phone number");
        }
        if (!util.isValidNumber(number)) {
            throw new IllegalArgumentException("'" + raw.strip() + "' is not a valid phone number (" + how + ")");
        }
        return util.format(number, PhoneNumberFormat.E164);
    }

    /** How many numbers are remembered now (tests). */
    int remembered() {
        return read.size();
    }

    /** The calling code's country (ISO region) of an E.164 number, e.g. IT for +39… */
    public String regionOf(String e164) {
        try {
            return util.getRegionCodeForNumber(util.parse(e164, defaultRegion));
        } catch (NumberParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
