package dev.replyflow.automation;

import java.util.List;

/**
 * A start step of the reference product and its BPMN form: the source of the triggers table of docs/steps.md and of
 * the modelers' trigger palette. {@code event} is the start event's kind (none, message or signal) and
 * {@code defaultName} the message or signal name the palette gives a new one, for the analyst to adapt.
 */
public record Trigger(String id, String name, String event, String defaultName, String bpmn, String description) {

    static final String NONE = "none";
    static final String MESSAGE = "message";
    static final String SIGNAL = "signal";


    public static final List<Trigger> ALL = List.of(
            new Trigger("customer-message", "Customer message", MESSAGE, "customer-message:hello",
                     "message start event `customer-message:<phrase>` (phrase in lower case, single spaces)",
                    "Starts when a customer's message (or button payload) equals the phrase, case and spacing aside, and no "
                            + "automation of the contact was waiting for a reply. One automation per phrase (checked at deploy)."),
            new Trigger("non-working-hours", "Non-working hours", MESSAGE, "non-working-hours",
                     "message start event `non-working-hours`",
                    "A message nothing else handled, outside the business hours (PUT /api/settings/business-hours)."),
            new Trigger("holiday", "Holidays", MESSAGE, "holiday",
                     "message start event `holiday`",
                    "A message nothing else handled, on a holiday of the business hours; wins over non-working hours."),
            new Trigger("integration", "Integration", NONE, null,
                     "any start event; `POST /api/automations/{key}/start` `{\"phone\"|\"contactId\",\"variables\"}`",
                    "An external system starts the automation for a contact (an unknown phone creates the contact); or "
                            + "Camunda's own start by key with the phone as business key."),
            new Trigger("list", "List", SIGNAL, "list-added:newsletter",
                     "signal start event `list-added:<list name>`", "A contact joins the list: by API, by the Add to List step, or by a CSV import (new members only; their "
                    + "automations start in the background)."),
            new Trigger("ticket", "Ticket", SIGNAL, "ticket-status:OPEN",
                     "signal start event `ticket-status:<OPEN|PENDING|CLOSED>`",
                    "A ticket of the contact is opened or changes to that status; variables ticketId, ticketStatus."),
            new Trigger("marketing-consent", "Marketing consent", SIGNAL, "marketing-consent:granted",
                     "signal start event `marketing-consent:granted` or `marketing-consent:revoked`",
                    "The contact's marketing consent is given or revoked (API, step, STOP keyword)."),
            new Trigger("date-condition", "Date condition", SIGNAL, "date:birthday:yearly:P0D@09:00",
                     "signal start event `date:<field>:<yearly|exact>:<offset>@<HH:mm>` "
                    + "(e.g. `date:birthday:yearly:P0D@09:00`, `date:appointment:exact:-P1D@18:00`)",
                    "Starts once per contact and date, from the time of day (zone replyflow.dates.zone), for each contact whose "
                            + "DATE field matches: yearly = same month and day (29 February on 28 February in other years), "
                            + "exact = same date; the ISO offset moves the day (-P1D = one day before). Variable triggerDate."),
            new Trigger("shop", "Shop", SIGNAL, "shop:order-paid",
                     "signal start event `shop:<order-created|order-paid|order-fulfilled|cart-abandoned>`",
                    "A Shopify or WooCommerce webhook (POST /webhooks/shop/shopify or /webhooks/shop/woocommerce, signed with "
                            + "replyflow.shop.<shop>.secret): an order is created, paid or fulfilled, or a cart is abandoned. The "
                            + "customer's phone becomes the contact; variables orderId, orderNumber, orderTotal, currency, "
                            + "shopSource, orderStatusUrl or checkoutUrl. Once per delivery and per order event."),
            new Trigger("voice", "Voice", SIGNAL, "voice:missed",
                     "signal start event `voice:<incoming|missed|completed>`",
                    "An inbound phone call reported by Twilio's signed voice webhook (POST /webhooks/voice/twilio): incoming "
                            + "when it rings, missed on no-answer, busy, canceled or failed, completed when it ends. The caller "
                            + "becomes the contact; variables callSid, callStatus, calledNumber. Once per call and event."));
}
