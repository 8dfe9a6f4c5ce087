package dev.replyflow.automation.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PayPalAmountTest {

    @Test
    void anAmountGetsExactlyItsCurrencysDecimals() {
        assertThat(PayPalAmount.parse("12.5", null)).isEqualTo(new PayPalAmount("EUR", "12.50"));
        assertThat(PayPalAmount.parse(" 12,50 ", "eur")).isEqualTo(new PayPalAmount("EUR", "12.50"));
        assertThat(PayPalAmount.parse("100", "USD")).isEqualTo(new PayPalAmount("USD", "100.00"));
        assertThat(PayPalAmount.parse("1500", "JPY")).isEqualTo(new PayPalAmount("JPY", "1500"));
        assertThat(PayPalAmount.parse("1500.00", "HUF")).isEqualTo(new PayPalAmount("HUF", "1500"));
    }

    @Test
    void whatPayPalWouldRefuseOrRoundIsRefusedHere() {
        assertThatThrownBy(() -> PayPalAmount.parse("12.505", "EUR")).isInstanceOf(IntegrationRejectedException.class)
                .hasMessage("PayPal: invalid amount: 12.505 EUR has more than 2 decimals");
        assertThatThrownBy(() -> PayPalAmount.parse("1500.5", "JPY")).hasMessageContaining("more than 0 decimals");
        assertThatThrownBy(() -> PayPalAmount.parse("twelve", "EUR")).hasMessageContaining("'twelve' is not a decimal amount");
        assertThatThrownBy(() -> PayPalAmount.parse("0", "EUR")).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> PayPalAmount.parse("-3", "EUR")).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> PayPalAmount.parse(" ", "EUR")).hasMessageContaining("the amount is empty");
        assertThatThrownBy(() -> PayPalAmount.parse("1,000.50", "EUR")).hasMessageContaining("not a decimal amount");
        assertThatThrownBy(() -> PayPalAmount.parse("10", "EURO")).hasMessageContaining("'EURO' is not a three-letter currency");
    }
}
