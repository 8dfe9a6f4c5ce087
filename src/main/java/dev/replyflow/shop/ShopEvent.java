package dev.replyflow.shop;

import java.util.List;
import java.util.Map;

/**
 * A shop delivery read as a Replyflow event.
 *
 * @param event order-created, order-paid, order-fulfilled or cart-abandoned (the signal is "shop:" + event)
 * @param objectId the order's or cart's id in the shop, null when the payload has none
 * @param phones the customer's phone numbers as the shop gave them, best first, each with the order's country for it
 * @param name the customer's name, null when unknown
 * @param variables the automation's variables (orderId, orderNumber, orderTotal, currency, shopSource, and
 *            orderStatusUrl or checkoutUrl when the shop gave one)
 */
public record ShopEvent(String event, String objectId, List<Phone> phones, String name, Map<String, Object> variables) {

    /**
     * A phone as the shop wrote it, and the ISO country (e.g. US) of the address it came with, or of the order's
     * billing or shipping address: a national number is read there. Null when the order names no country.
     */
    public record Phone(String number, String region) {
    }

    public String signal() {
        return "shop:" + event;
    }
}
