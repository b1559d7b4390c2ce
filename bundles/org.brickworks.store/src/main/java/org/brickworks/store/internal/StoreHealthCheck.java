package org.brickworks.store.internal;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.brickworks.store.api.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Readiness of the store (Apache Felix Health Check {@value #NAME}, tag {@code brickworks}): the database answers and
 * names the schema version of every area migrated so far. Each area migrates its own schema when its component starts,
 * so an area whose migration failed never comes up, and the REST routes' check names it.
 */
@Component(property = { HealthCheck.NAME + "=" + StoreHealthCheck.NAME, HealthCheck.TAGS + "=brickworks" })
public class StoreHealthCheck implements HealthCheck {
    static final String NAME = "store";
    private final Store store;

    @Activate
    public StoreHealthCheck(@Reference Store store) {
        this.store = store;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        try {
            Map<String, Integer> versions = store.transaction(c -> {
                Map<String, Integer> found = new TreeMap<>();
                try (Statement s = c.createStatement();
                        ResultSet rows = s.executeQuery("SELECT area, version FROM schema_version")) {
                    while (rows.next()) {
                        found.put(rows.getString(1), rows.getInt(2));
                    }
                }
                return found;
            });
            log.info("{}; schemas migrated: {}", store.describe(), versions.isEmpty() ? "none yet"
                    : versions.entrySet().stream().map(e -> e.getKey() + " v" + e.getValue())
                            .collect(Collectors.joining(", ")));
        } catch (RuntimeException e) { // a StoreException, or a closed pool's IllegalStateException
            log.critical("The store does not answer: {}", e.getMessage());
        }
        return new Result(log);
    }
}
