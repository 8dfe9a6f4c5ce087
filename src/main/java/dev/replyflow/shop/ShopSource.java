package dev.replyflow.shop;

import java.util.Locale;
import java.util.Optional;

/** The shops that can call POST /webhooks/shop/{source}, with the headers each one sends. */
public enum ShopSource {

    SHOPIFY("shopify", "X-Shopify-Hmac-Sha256", "X-Shopify-Topic", "X-Shopify-Webhook-Id"),
    WOOCOMMERCE("woocommerce", "X-WC-Webhook-Signature", "X-WC-Webhook-Topic", "X-WC-Webhook-Delivery-ID");

    private final String path;
    private final String signatureHeader;
    private final String topicHeader;
    private final String deliveryHeader;

    ShopSource(String path, String signatureHeader, String topicHeader, String deliveryHeader) {
        this.path = path;
        this.signatureHeader = signatureHeader;
        this.topicHeader = topicHeader;
        this.deliveryHeader = deliveryHeader;
    }

    public static Optional<ShopSource> of(String path) {
        String wanted = path == null ? "" : path.toLowerCase(Locale.ROOT);
        for (ShopSource source : values()) {
            if (source.path.equals(wanted)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }

    public String path() {
        return path;
    }

    public String signatureHeader() {
        return signatureHeader;
    }

    public String topicHeader() {
        return topicHeader;
    }

    public String deliveryHeader() {
        return deliveryHeader;
    }
}
