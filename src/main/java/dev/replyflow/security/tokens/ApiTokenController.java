package dev.replyflow.security.tokens;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins create, list and revoke the tokens integrations use (Authorization: Bearer &lt;token&gt;). */
@RestController
@RequestMapping("/api/tokens")
public class ApiTokenController {

    private final ApiTokens tokens;

    public ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    public record TokenRequest(String name, List<String> scopes, OffsetDateTime expiresAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ApiTokens.CreatedToken create(@RequestBody TokenRequest request, Principal user) {
        return tokens.create(request.name(), request.scopes(), request.expiresAt(), user.getName());
    }

    @GetMapping
    public List<ApiTokens.TokenView> list() {
        return tokens.list();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revoke(@PathVariable long id) {
        tokens.revoke(id);
    }
}
