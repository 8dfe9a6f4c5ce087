package dev.replyflow.billing;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.contact.ContactService;

@RestController
public class BillingController {

    private final Wallet wallet;
    private final ConversationRepository conversations;
    private final ContactService contacts;

    public BillingController(Wallet wallet, ConversationRepository conversations, ContactService contacts) {
        this.wallet = wallet;
        this.conversations = conversations;
        this.contacts = contacts;
    }

    @GetMapping("/api/wallet")
    public Wallet.Balance balance() {
        return wallet.balance();
    }

    public record TopUpRequest(BigDecimal amount) {
    }

    @PostMapping("/api/wallet/top-ups")
    @ResponseStatus(HttpStatus.CREATED)
    public Wallet.Balance topUp(@RequestBody TopUpRequest request, Principal user) {
        return wallet.topUp(request.amount(), user.getName());
    }

    /** Every movement of the wallet, newest first. */
    @GetMapping("/api/wallet/entries")
    public List<Wallet.Entry> entries(@RequestParam(defaultValue = "100") int limit) {
        return wallet.entries(limit);
    }

    /** The contact's paid conversations, oldest first (conversation pricing model). */
    @GetMapping("/api/contacts/{id}/conversations")
    public List<Conversation> conversations(@PathVariable Long id) {
        contacts.require(id);
        return conversations.findByContactIdOrderByOpenedAtAscIdAsc(id);
    }
}
