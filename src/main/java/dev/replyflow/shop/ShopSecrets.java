package dev.replyflow.shop;

import org.springframework.stereotype.Component;

/** The current webhook secret of each shop source, from replyflow.shop (tests replace them without a new context). */
@Component
public class ShopSecrets {

    private volatile String shopify;
    private volatile String woocommerce;

    public ShopSecrets(ShopProperties properties) {
        this.shopify = properties.shopify().secret();
        this.woocommerce = properties.woocommerce().secret();
    }

    /** @return the secret of the source, null when not configured */
    public String of(ShopSource source) {
        String secret = source == ShopSource.SHOPIFY ? shopify : woocommerce;
        return secret == null || secret.isEmpty() ? null : secret;
    }

    /** For tests only. */
    void set(ShopSource source, String secret) {
        if (source == ShopSource.SHOPIFY) {
            shopify = secret;
        } else {
            woocommerce = secret;
        }
    }

    @Override
    public String toString() {
        return "ShopSecrets[<hidden>]";
    }
}
