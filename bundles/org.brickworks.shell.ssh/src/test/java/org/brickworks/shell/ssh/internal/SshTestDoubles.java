package org.brickworks.shell.ssh.internal;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.felix.service.command.CommandSession;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.CreatedToken;
import org.brickworks.security.api.dto.TokenInfo;
import org.brickworks.security.api.dto.User;

/** Small test doubles of the security services and configuration the SSH shell uses, and the Gogo commands the tests
 * run. */
final class SshTestDoubles {
    static final User ALICE = new User(1, "alice", "Alice", true, Instant.EPOCH);
    static final User BOB = new User(2, "bob", "Bob", false, Instant.EPOCH);

    private SshTestDoubles() {
    }

    static Config config(String host, int port) {
        return new Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Config.class;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public String host() {
                return host;
            }
        };
    }

    /** Knows a fixed set of token values; only {@link #authenticate} is used by the SSH shell. */
    static final class Tokens implements TokenService {
        private final Map<String, User> owners = new ConcurrentHashMap<>();

        Tokens with(String tokenValue, User owner) {
            owners.put(tokenValue, owner);
            return this;
        }

        @Override
        public User authenticate(String tokenValue) {
            User owner = owners.get(tokenValue);
            if (owner == null) {
                throw BrickworksException.unauthenticated("Invalid access token");
            }
            return owner;
        }

        @Override
        public CreatedToken create(String userName, String comment, Optional<Long> lifetimeSeconds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TokenInfo> list(String userName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TokenInfo> listAll() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void revoke(String userName, String tokenId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TokenInfo get(String tokenId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CreatedToken createOnBehalfOf(String caller, String applicationId, String comment,
                Optional<Long> lifetimeSeconds) {
            throw new UnsupportedOperationException();
        }
    }

    static final class Users implements UserService {
        @Override
        public List<User> list() {
            return List.of(ALICE, BOB);
        }

        @Override
        public User get(String userName) {
            return list().stream().filter(user -> user.userName().equals(userName)).findFirst()
                    .orElseThrow(() -> BrickworksException.notFound("No user " + userName));
        }

        @Override
        public boolean isAdmin(String userName) {
            return get(userName).admin();
        }

        @Override
        public java.util.Set<String> groupsOf(String userName) {
            return get(userName).admin() ? java.util.Set.of(USERS, ADMINS) : java.util.Set.of(USERS);
        }

        @Override
        public java.util.Set<String> entitlementsOf(String userName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<org.brickworks.security.api.dto.Principal> principals(
                org.brickworks.security.api.dto.PrincipalKind kind) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.brickworks.security.api.dto.Principal principal(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.brickworks.security.api.dto.Principal create(String caller,
                org.brickworks.security.api.dto.PrincipalSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.brickworks.security.api.dto.Principal replace(String caller, long id,
                org.brickworks.security.api.dto.PrincipalSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String caller, long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setPassword(String caller, String userName, char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Integer> syncIdentityProviders(String caller) {
            throw new UnsupportedOperationException();
        }

        @Override
        public User authenticate(String userName, char[] password) {
            throw new UnsupportedOperationException();
        }
    }

    /** Registered under scope {@code bw}; public because Gogo calls it reflectively. */
    public static final class Commands {
        public String echo(String word) {
            return word;
        }

        /** Stands for an administrator's command: {@code felix:install}. */
        public String install(String location) {
            return "Installed " + location;
        }

        public void fail(String name) {
            throw BrickworksException.notFound("Cluster " + name + " does not exist");
        }

        public void crash() {
            throw new IllegalStateException("Something broke");
        }

        public Object whoami(CommandSession session) {
            return session.get(GogoShellCommand.USER_VARIABLE);
        }

        /** Each argument in angle brackets on a line of its own, to see exactly what arrived. */
        public String args(String... words) {
            return Stream.of(words).map(word -> "<" + word + ">").collect(Collectors.joining("\n"));
        }
    }
}
