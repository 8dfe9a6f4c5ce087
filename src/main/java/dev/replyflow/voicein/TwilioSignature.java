package dev.replyflow.voicein;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's X-Twilio-Signature: base64 HMAC-SHA1, keyed with the auth token, of the full URL followed by every POST
 * parameter's name and value, sorted by name (then value), concatenated without separators.
 */
final class TwilioSignature {

    private TwilioSignature() {
    }

    static String sign(String url, Map<String, List<String>> parameters, String authToken) {
        StringBuilder data = new StringBuilder(url);
        parameters.keySet().stream().sorted().forEach(name -> {
            List<String> values = new ArrayList<>(parameters.get(name));
            values.sort(null);
            for (String value : values) {
                data.append(name).append(value);
            }
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison, so the time taken reveals nothing about the expected signature. */
    static boolean matches(String url, Map<String, List<String>> parameters, String header, String authToken) {
        if (header == null || authToken == null || authToken.isEmpty()) {
            return false;
        }
        byte[] expected = sign(url, parameters, authToken).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
