package org.brickworks.dbfs.azure.internal;

import java.net.URI;
import java.util.Base64;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;

/**
 * A mount's Azure source and how to authenticate: {@code wasbs://<container>@<account>.blob.core.windows.net/<prefix>}
 * ({@code wasb}, {@code abfs}, {@code abfss} and {@code dfs.core.windows.net} hosts too: all go through the Blob API),
 * with one credential among the mount's settings, as Databricks' {@code extra_configs} name them:
 * <ul>
 * <li>{@code fs.azure.account.key.<account>.<host>}: the account key;</li>
 * <li>{@code fs.azure.sas.<container>.<account>.<host>}: a SAS token;</li>
 * <li>{@value #CONNECTION_STRING}: a connection string (also names the endpoint, as for Azurite).</li>
 * </ul>
 * {@value #ENDPOINT} overrides the blob endpoint ({@code http://127.0.0.1:10000/devstoreaccount1}). {@link #toString()}
 * never shows a credential.
 */
record AzureSource(String container, String account, String prefix, String endpoint, Credential credential) {
    static final String CONNECTION_STRING = "azure.connection.string";
    static final String ENDPOINT = "azure.endpoint";

    enum Kind {
        ACCOUNT_KEY, SAS, CONNECTION_STRING
    }

    /** A credential and its kind; its value never appears in {@link #toString()}. */
    record Credential(Kind kind, String value) {
        @Override
        public String toString() {
            return kind.name();
        }
    }

    static AzureSource parse(URI source, Map<String, String> settings) {
        String container = source.getUserInfo();
        String host = source.getHost();
        if (container == null || container.isEmpty() || host == null || !host.contains(".")) {
            throw BrickworksException.invalidParameter("Invalid Azure source " + source
                    + ": expected wasbs://<container>@<account>.blob.core.windows.net/<path>");
        }
        String account = host.substring(0, host.indexOf('.'));
        String suffix = host.substring(host.indexOf('.') + 1).replace("dfs.core.windows.net", "blob.core.windows.net");
        String path = source.getPath() == null ? "" : source.getPath();
        String prefix = path.replaceAll("^/+", "").replaceAll("/+$", "");
        Credential credential = credential(container, account, settings, source);
        String endpoint = settings.getOrDefault(ENDPOINT, "https://" + account + "." + suffix);
        return new AzureSource(container, account, prefix, endpoint, credential);
    }

    private static Credential credential(String container, String account, Map<String, String> settings, URI source) {
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = setting.getKey();
            if (key.equals(CONNECTION_STRING)) {
                String accountKey = connectionStringPart(setting.getValue(), "AccountKey");
                if (accountKey != null) {
                    requireBase64(accountKey, "AccountKey of " + key);
                }
                return new Credential(Kind.CONNECTION_STRING, setting.getValue());
            }
            if (key.startsWith("fs.azure.account.key." + account + ".")) {
                requireBase64(setting.getValue(), key);
                return new Credential(Kind.ACCOUNT_KEY, setting.getValue());
            }
            if (key.startsWith("fs.azure.sas." + container + "." + account + ".")) {
                return new Credential(Kind.SAS, setting.getValue());
            }
        }
        throw BrickworksException.invalidParameter("No credential for " + source + " in extra_configs: give "
                + "fs.azure.account.key." + account + ".blob.core.windows.net, fs.azure.sas." + container + "."
                + account + ".blob.core.windows.net or " + CONNECTION_STRING);
    }

    /** An account key is base64 (Azure signs with its bytes): say so before any request fails for it. */
    private static void requireBase64(String key, String setting) {
        try {
            Base64.getDecoder().decode(key.strip());
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter("Invalid account key in " + setting + ": it is not base64 ("
                    + e.getMessage() + ")");
        }
    }

    private static String connectionStringPart(String connectionString, String name) {
        for (String part : connectionString.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
                return part.substring(eq + 1);
            }
        }
        return null;
    }

    /** {@code text} without this source's credential, for messages that quote what the SDK said. */
    String redact(String text) {
        String redacted = text.replace(credential.value(), "[REDACTED]");
        for (String secret : new String[] { "AccountKey", "SharedAccessSignature" }) {
            String value = credential.kind() == Kind.CONNECTION_STRING
                    ? connectionStringPart(credential.value(), secret)
                    : null;
            if (value != null && !value.isEmpty()) {
                redacted = redacted.replace(value, "[REDACTED]");
            }
        }
        return redacted;
    }

    /** The blob name of a path relative to the mount ({@code ""}: the prefix itself). */
    String blobName(String relative) {
        if (prefix.isEmpty()) {
            return relative;
        }
        return relative.isEmpty() ? prefix : prefix + "/" + relative;
    }

    /** The path relative to the mount of a blob name below the prefix. */
    String relative(String blobName) {
        String name = blobName.endsWith("/") ? blobName.substring(0, blobName.length() - 1) : blobName;
        return prefix.isEmpty() ? name : name.equals(prefix) ? "" : name.substring(prefix.length() + 1);
    }
}
