package dev.replyflow.shop;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * replyflow.shop: the secrets that sign the shops' webhook deliveries. shopify.secret is the app's client secret
 * (or the webhook signing secret shown under Settings → Notifications → Webhooks); woocommerce.secret is the
 * "Secret" of the webhook (WooCommerce → Settings → Advanced → Webhooks). Empty: that shop's deliveries are refused.
 */
@ConfigurationProperties(prefix = "replyflow.shop")
public record ShopProperties(Shop shopify, Shop woocommerce) {

    public ShopProperties {
        shopify = shopify == null ? new Shop(null) : shopify;
        woocommerce = woocommerce == null ? new Shop(null) : woocommerce;
    }

    /** One shop's webhook secret. */
    public record Shop(String secret) {

        @Override
        public String toString() {
            return "Shop[secret=" + (secret == null || secret.isEmpty() ? "<not set>" : "<hidden>") + "]";
        }
    }

    @Override
    public String toString() {
        return "ShopProperties[shopify=" + shopify + ", woocommerce=" + woocommerce + "]";
    }
}
