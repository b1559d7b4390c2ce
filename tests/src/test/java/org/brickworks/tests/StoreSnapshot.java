package org.brickworks.tests;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.brickworks.store.api.Store;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** Every table of the platform's store but the audit log, each as its sorted rows: compare two to see a change. */
final class StoreSnapshot {
    private StoreSnapshot() {
    }

    static Map<String, List<String>> of(BundleContext context) throws Exception {
        ServiceReference<Store> reference = context.getServiceReferences(Store.class, Store.SHARED).iterator().next();
        Store store = context.getService(reference);
        try {
            return store.transaction(c -> {
                Map<String, List<String>> tables = new TreeMap<>();
                List<String> names = new ArrayList<>();
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables"
                                + " WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE'")) {
                    while (r.next()) {
                        names.add(r.getString(1));
                    }
                }
                names.remove("AUDIT_EVENTS");
                for (String name : names) {
                    List<String> rows = new ArrayList<>();
                    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + name)) {
                        ResultSetMetaData meta = r.getMetaData();
                        while (r.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                row.append(r.getString(i)).append('|');
                            }
                            rows.add(row.toString());
                        }
                    }
                    rows.sort(null);
                    tables.put(name, rows);
                }
                return tables;
            });
        } finally {
            context.ungetService(reference);
        }
    }
}
