package dev.replyflow.shop;

import java.util.List;

/**
 * A signed shop delivery as read: the event it is, for the customer's phone (E.164), with the ids that make a repeat
 * of it a duplicate; or, with {@code ignored} saying why, one that starts nothing (another topic, no valid phone).
 */
record ShopDelivery(ShopEvent event, String phone, List<String> keys, String ignored) {

    static ShopDelivery ignored(String reason) {
        return new ShopDelivery(null, null, List.of(), reason);
    }
}
