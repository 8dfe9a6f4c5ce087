package dev.replyflow.shop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How shop topics become Replyflow events (the signal start event is {@code shop:<event>}):
 * <table>
 * <tr><th>Event</th><th>Shopify (X-Shopify-Topic)</th><th>WooCommerce (X-WC-Webhook-Topic)</th></tr>
 * <tr><td>order-created</td><td>orders/create</td><td>order.created</td></tr>
 * <tr><td>order-paid</td><td>orders/paid</td><td>order.updated with status processing</td></tr>
 * <tr><td>order-fulfilled</td><td>orders/fulfilled</td><td>order.updated with status completed</td></tr>
 * <tr><td>cart-abandoned</td><td>checkouts/create, checkouts/update without completed_at</td>
 * <td>action.cart_abandoned or cart.abandoned (a plugin's custom topic) whose payload, or its "arg", has a billing
 * object</td></tr>
 * </table>
 * Every other topic is ignored. Phone: Shopify customer.phone, phone, billing_address.phone, shipping_address.phone
 * (the first valid one); WooCommerce billing.phone, shipping.phone. A national number is read in its address's country,
 * else the order's billing or shipping country (Shopify country_code, WooCommerce country). Name: first and last name of the customer (Shopify: customer, else
 * billing then shipping address; WooCommerce: billing).
 * Variables: orderId (the order's, or the checkout's/cart's, id), orderNumber (Shopify's name such as "#1001",
 * WooCommerce's number), orderTotal (as the shop wrote it, e.g. "199.00"), currency, shopSource (shopify|woocommerce),
 * orderStatusUrl (Shopify order_status_url) or checkoutUrl (Shopify abandoned_checkout_url, WooCommerce checkout_url or
 * cart_url) when present.
 */
final class ShopEvents {

    static final String ORDER_CREATED = "order-created";
    static final String ORDER_PAID = "order-paid";
    static final String ORDER_FULFILLED = "order-fulfilled";
    static final String CART_ABANDONED = "cart-abandoned";

    private ShopEvents() {
    }

    static Optional<ShopEvent> read(ShopSource source, String topic, JsonNode payload) {
        String t = topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT);
        return source == ShopSource.SHOPIFY ? shopify(t, payload) : woocommerce(t, payload);
    }

    private static Optional<ShopEvent> shopify(String topic, JsonNode p) {
        String event = switch (topic) {
            case "orders/create" -> ORDER_CREATED;
            case "orders/paid" -> ORDER_PAID;
            case "orders/fulfilled" -> ORDER_FULFILLED;
            case "checkouts/create", "checkouts/update" -> text(p, "completed_at") == null ? CART_ABANDONED : null;
            default -> null;
        };
        if (event == null) {
            return Optional.empty();
        }
        boolean cart = event.equals(CART_ABANDONED);
        // a phone is read in its own address's country, else the order's (billing, then shipping, then the customer's)
        String orderCountry = firstNonNull(country(p.path("billing_address")), country(p.path("shipping_address")),
                country(p.path("customer").path("default_address")));
        List<ShopEvent.Phone> phones = phones(
                phone(text(p.path("customer"), "phone"), country(p.path("customer").path("default_address")), orderCountry),
                phone(text(p, "phone"), null, orderCountry),
                phone(text(p.path("billing_address"), "phone"), country(p.path("billing_address")), orderCountry),
                phone(text(p.path("shipping_address"), "phone"), country(p.path("shipping_address")), orderCountry));
        String name = firstNonNull(name(p.path("customer")), name(p.path("billing_address")), name(p.path("shipping_address")));
        String id = text(p, "id");
        Map<String, Object> variables = variables(ShopSource.SHOPIFY, id == null ? text(p, "token") : id,
                cart ? null : firstNonNull(text(p, "name"), text(p, "order_number")), text(p, "total_price"),
                firstNonNull(text(p, "currency"), text(p, "presentment_currency")));
        if (cart) {
            putIfPresent(variables, "checkoutUrl", text(p, "abandoned_checkout_url"));
        } else {
            putIfPresent(variables, "orderStatusUrl", text(p, "order_status_url"));
        }
        return Optional.of(new ShopEvent(event, cart ? firstNonNull(text(p, "token"), id) : id, phones, name, variables));
    }

    private static Optional<ShopEvent> woocommerce(String topic, JsonNode p) {
        String event = switch (topic) {
            case "order.created" -> ORDER_CREATED;
            case "order.updated" -> switch (String.valueOf(text(p, "status")).toLowerCase(Locale.ROOT)) {
                case "processing" -> ORDER_PAID;
                case "completed" -> ORDER_FULFILLED;
                default -> null;
            };
            case "action.cart_abandoned", "cart.abandoned" -> CART_ABANDONED;
            default -> null;
        };
        if (event == null) {
            return Optional.empty();
        }
        JsonNode data = p;
        if (event.equals(CART_ABANDONED)) {
            if (!p.path("billing").isObject() && p.path("arg").path("billing").isObject()) {
                data = p.path("arg"); // a custom action webhook: {"action": "...", "arg": {...}}
            }
            if (!data.path("billing").isObject()) {
                return Optional.empty();
            }
        }
        JsonNode billing = data.path("billing");
        String id = text(data, "id");
        Map<String, Object> variables = variables(ShopSource.WOOCOMMERCE, id,
                event.equals(CART_ABANDONED) ? null : firstNonNull(text(data, "number"), id), text(data, "total"),
                text(data, "currency"));
        if (event.equals(CART_ABANDONED)) {
            putIfPresent(variables, "checkoutUrl", firstNonNull(text(data, "checkout_url"), text(data, "cart_url")));
        }
        String orderCountry = firstNonNull(country(billing), country(data.path("shipping")));
        return Optional.of(new ShopEvent(event, id, phones(phone(text(billing, "phone"), country(billing), orderCountry),
                phone(text(data.path("shipping"), "phone"), country(data.path("shipping")), orderCountry)), name(billing),
                variables));
    }

    private static Map<String, Object> variables(ShopSource source, String id, String number, String total, String currency) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("orderId", id);
        variables.put("orderNumber", number);
        variables.put("orderTotal", total);
        variables.put("currency", currency);
        variables.put("shopSource", source.path());
        return variables;
    }

    private static void putIfPresent(Map<String, Object> variables, String name, String value) {
        if (value != null) {
            variables.put(name, value);
        }
    }

    private static List<ShopEvent.Phone> phones(ShopEvent.Phone... candidates) {
        List<ShopEvent.Phone> phones = new ArrayList<>();
        for (ShopEvent.Phone candidate : candidates) {
            if (candidate != null && !phones.contains(candidate)) {
                phones.add(candidate);
            }
        }
        return phones;
    }

    private static ShopEvent.Phone phone(String number, String addressCountry, String orderCountry) {
        return number == null ? null : new ShopEvent.Phone(number, firstNonNull(addressCountry, orderCountry));
    }

    /** An address's ISO country: Shopify's country_code, WooCommerce's country (both like US); null when absent. */
    private static String country(JsonNode address) {
        String code = firstNonNull(text(address, "country_code"), text(address, "country"));
        return code != null && code.length() == 2 ? code.toUpperCase(Locale.ROOT) : null;
    }

    private static String name(JsonNode person) {
        String first = text(person, "first_name");
        String last = text(person, "last_name");
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return name.isEmpty() ? null : name;
    }

    /** A field as text: strings as they are, numbers in plain notation; null when missing, null or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
        return text.isBlank() ? null : text.strip();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
