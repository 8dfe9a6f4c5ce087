-- Shopify and WooCommerce webhook deliveries already handled: a repeated delivery starts no automation again.
-- delivery_id: the shop's delivery id (X-Shopify-Webhook-Id, X-WC-Webhook-Delivery-ID), or
-- event:<event>:<order or cart id> for the event it started (an order is paid once, a cart abandoned once).
CREATE TABLE shop_delivery (
    source       VARCHAR(20)  NOT NULL,
    delivery_id  VARCHAR(255) NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source, delivery_id)
);
