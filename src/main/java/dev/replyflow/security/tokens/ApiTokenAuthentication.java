package dev.replyflow.security.tokens;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** A request authenticated by an API token: its name is "token:&lt;name&gt;", its authorities are its scopes only. */
public class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final long tokenId;
    private final String name;

    ApiTokenAuthentication(long tokenId, String name, Collection<? extends GrantedAuthority> scopes) {
        super(scopes);
        this.tokenId = tokenId;
        this.name = "token:" + name;
        setAuthenticated(true);
    }

    public long tokenId() {
        return tokenId;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return name;
    }
}
