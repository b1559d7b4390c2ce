package org.brickworks.security.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.User;
import org.brickworks.store.api.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Users kept in the store. Creates the security schema and the {@value #ADMIN} user on first start. */
@Component(service = { UserService.class, StoreUserService.class })
public class StoreUserService implements UserService {
    static final String SELECT = "SELECT id, user_name, display_name, is_admin, created_at FROM users";

    private final Store store;

    @Activate
    public StoreUserService(@Reference(target = Store.SHARED) Store store) {
        this.store = store;
        store.migrate(SecuritySchema.AREA, SecuritySchema.MIGRATIONS);
    }

    Store store() {
        return store;
    }

    @Override
    public List<User> list() {
        return store.transaction(c -> {
            List<User> users = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY id"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    users.add(read(r));
                }
            }
            return users;
        });
    }

    @Override
    public User get(String userName) {
        return store.transaction(c -> find(c, userName))
                .orElseThrow(() -> BrickworksException.notFound("User " + userName + " does not exist"));
    }

    /** Creates the admin user when the store has none; true when it did so now. */
    boolean ensureAdmin() {
        return store.transaction(c -> {
            if (find(c, ADMIN).isPresent()) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO users (user_name, display_name, is_admin, created_at) VALUES (?, ?, TRUE, ?)")) {
                s.setString(1, ADMIN);
                s.setString(2, "Administrator");
                s.setLong(3, System.currentTimeMillis());
                s.executeUpdate();
            }
            return true;
        });
    }

    static Optional<User> find(Connection c, String userName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE user_name = ?")) {
            s.setString(1, userName);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    static User read(ResultSet r) throws SQLException {
        return new User(r.getLong(1), r.getString(2), r.getString(3), r.getBoolean(4),
                Instant.ofEpochMilli(r.getLong(5)));
    }
}
