package dev.replyflow.automation.integrations;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * An amount as PayPal's Orders API takes it: a currency code and a decimal string with exactly the currency's
 * number of decimals. An amount that would need rounding is refused rather than silently charged differently.
 */
public record PayPalAmount(String currency, String value) {

    public static final String DEFAULT_CURRENCY = "EUR";

    /** PayPal accepts no decimals for these, whatever ISO 4217 says (HUF and TWD have two there). */
    private static final Set<String> WITHOUT_DECIMALS = Set.of("HUF", "JPY", "TWD");

    public static PayPalAmount parse(String amount, String currency) {
        String code = currency == null || currency.isBlank() ? DEFAULT_CURRENCY : currency.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            throw invalid("'" + currency + "' is not a three-letter currency code like EUR");
        }
        if (amount == null || amount.isBlank()) {
            throw invalid("the amount is empty");
        }
        String text = amount.strip();
        if (text.indexOf('.') < 0 && text.chars().filter(c -> c == ',').count() == 1) {
            text = text.replace(',', '.'); // 12,50 as Italians write it
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw invalid("'" + amount.strip() + "' is not a decimal amount like 12.50");
        }
        if (number.signum() <= 0) {
            throw invalid("the amount must be more than zero, not " + amount.strip());
        }
        int decimals = decimals(code);
        try {
            return new PayPalAmount(code, number.setScale(decimals, RoundingMode.UNNECESSARY).toPlainString());
        } catch (ArithmeticException e) {
            throw invalid(amount.strip() + " " + code + " has more than " + decimals + " decimals");
        }
    }

    private static int decimals(String code) {
        if (WITHOUT_DECIMALS.contains(code)) {
            return 0;
        }
        try {
            int digits = Currency.getInstance(code).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException unknown) {
            return 2; // PayPal decides whether it knows the currency
        }
    }

    private static IntegrationRejectedException invalid(String why) {
        return new IntegrationRejectedException(PayPalClient.SERVICE + ": invalid amount: " + why);
    }
}
