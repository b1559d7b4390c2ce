package org.brickworks.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An HTTPS server on loopback speaking the subset of Azure Key Vault's REST API (and of Azure AD's) that the Azure
 * SDK's {@code SecretClient} with a {@code ClientSecretCredential} calls, as documented by Azure: no Key Vault emulator
 * is reachable here, so the platform's Key Vault backend is contract-tested against this.
 * <ul>
 * <li>a request without a valid bearer token gets {@code 401} with the challenge
 * {@code WWW-Authenticate: Bearer authorization="<authority>/<tenant>", resource="https://vault.azure.net"};</li>
 * <li>{@code POST /<tenant>/oauth2/v2.0/token} (client credentials grant) issues a token for the one configured
 * client id and secret, else {@code 401 invalid_client};</li>
 * <li>{@code GET /secrets/<name>[/<version>]} answers a secret bundle or {@code 404 SecretNotFound};</li>
 * <li>{@code GET /secrets} answers pages of {@value #PAGE_SIZE} secret items, each linking the next by
 * {@code nextLink}.</li>
 * </ul>
 * Its certificate is self-signed, made by the JDK's {@code keytool} for {@code 127.0.0.1}; {@link #certificatePem()}
 * is the file a client must trust. Anything else it is asked is answered {@code 400} and kept in {@link #unexpected()}.
 */
final class KeyVaultServer implements AutoCloseable {
    static final int PAGE_SIZE = 2;
    private static final String PASSWORD = "in-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tenantId;
    private final String clientId;
    private final String clientSecret;
    private final Path folder;
    private final HttpsServer server;
    private final Map<String, Secret> secrets = new ConcurrentSkipListMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();

    /** A secret as the vault keeps it. */
    record Secret(String value, long updatedSeconds, boolean enabled) {
    }

    KeyVaultServer(String tenantId, String clientId, String clientSecret) throws Exception {
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.folder = Files.createTempDirectory("keyvault");
        KeyStore keys = selfSigned(folder.resolve("vault.p12"));
        Certificate certificate = keys.getCertificate("vault");
        Files.writeString(certificatePem(), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The vault's URI, as a scope's {@code dns_name}. */
    String vaultUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The Azure AD authority host this server also plays. */
    String authorityHost() {
        return vaultUrl();
    }

    /** The PEM file of the server's certificate. */
    Path certificatePem() {
        return folder.resolve("vault.pem");
    }

    void put(String name, String value) {
        secrets.put(name, new Secret(value, System.currentTimeMillis() / 1000, true));
    }

    void disable(String name) {
        secrets.computeIfPresent(name, (key, secret) -> new Secret(secret.value(), secret.updatedSeconds(), false));
    }

    /** Every request so far, as {@code METHOD path}. */
    List<String> requests() {
        return requests;
    }

    /** The requests this server does not implement: none when the SDK called only the subset it speaks. */
    List<String> unexpected() {
        return unexpected;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            if (method.equals("POST") && path.equals("/" + tenantId + "/oauth2/v2.0/token")) {
                token(exchange);
            } else if (!authorized(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization=\"" + vaultUrl()
                        + tenantId + "\", resource=\"https://vault.azure.net\"");
                error(exchange, 401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
            } else if (method.equals("GET") && path.matches("/secrets/?")) {
                list(exchange, query);
            } else if (method.equals("GET") && path.matches("/secrets/[0-9a-zA-Z-]+(/[0-9a-zA-Z]*)?/?")) {
                secret(exchange, path.split("/")[2]);
            } else {
                unexpected.add(method + " " + exchange.getRequestURI());
                error(exchange, 400, "BadParameter", "The in-test vault does not implement " + method + " " + path);
            }
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type")) || !clientId.equals(form.get("client_id"))
                || !clientSecret.equals(form.get("client_secret"))) {
            ObjectNode body = JSON.createObjectNode().put("error", "invalid_client").put("error_description",
                    "AADSTS7000215: Invalid client secret provided.");
            send(exchange, 401, body);
            return;
        }
        String token = UUID.randomUUID().toString();
        tokens.add(token);
        send(exchange, 200, JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", 3599)
                .put("ext_expires_in", 3599).put("access_token", token));
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") && tokens.contains(header.substring(7));
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        int skip = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
        List<String> names = new ArrayList<>(secrets.keySet());
        ArrayNode value = JSON.createArrayNode();
        for (String name : names.subList(Math.min(skip, names.size()), Math.min(skip + PAGE_SIZE, names.size()))) {
            Secret secret = secrets.get(name);
            value.addObject().put("id", vaultUrl() + "secrets/" + name).set("attributes", attributes(secret));
        }
        ObjectNode page = JSON.createObjectNode();
        page.set("value", value);
        if (skip + PAGE_SIZE < names.size()) {
            page.put("nextLink", vaultUrl() + "secrets?api-version=" + query.get("api-version") + "&$skiptoken="
                    + (skip + PAGE_SIZE) + "&maxresults=" + PAGE_SIZE);
        } else {
            page.putNull("nextLink");
        }
        send(exchange, 200, page);
    }

    private void secret(HttpExchange exchange, String name) throws IOException {
        Secret secret = secrets.get(name);
        if (secret == null) {
            error(exchange, 404, "SecretNotFound", "A secret with (name/id) " + name + " was not found in this key"
                    + " vault. If you recently deleted this secret you may be able to recover it using the correct"
                    + " recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/"
                    + "?linkid=2125182");
        } else if (!secret.enabled()) {
            error(exchange, 403, "Forbidden", "Operation get is not allowed on a disabled secret.");
        } else {
            ObjectNode bundle = JSON.createObjectNode().put("value", secret.value()).put("id",
                    vaultUrl() + "secrets/" + name + "/0123456789abcdef0123456789abcdef");
            bundle.set("attributes", attributes(secret));
            send(exchange, 200, bundle);
        }
    }

    private static ObjectNode attributes(Secret secret) {
        return JSON.createObjectNode().put("enabled", secret.enabled()).put("created", secret.updatedSeconds())
                .put("updated", secret.updatedSeconds()).put("recoveryLevel", "Recoverable+Purgeable")
                .put("recoverableDays", 90);
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    /** A key pair and self-signed certificate for 127.0.0.1, made by the JDK's own keytool. */
    private static KeyStore selfSigned(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "vault", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return keys;
    }
}
