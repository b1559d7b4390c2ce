package org.brickworks.agent.dbfs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The few Azure Blob Storage REST calls the driver's {@code dbfs:/mnt} needs, on the JDK's HTTP client, signed with
 * the account key (Shared Key) or carrying a SAS: nothing from the Azure SDK, so nothing can clash with Spark's jars.
 * Credentials are never put in exception messages.
 */
final class BlobRestClient {
    private static final String VERSION = "2021-08-06";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    /** One listing entry: a blob (with size, time and whether it is a folder marker) or a prefix ("directory"). */
    record Entry(String name, boolean prefix, long size, long modified, boolean folder) {
    }

    /** A blob's properties. */
    record Properties(long size, long modified, boolean folder) {
    }

    private final String endpoint;
    private final String account;
    private final String container;
    private final byte[] key;
    private final String sas;

    BlobRestClient(String endpoint, String account, String container, byte[] key, String sas) {
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.account = account;
        this.container = container;
        this.key = key;
        this.sas = sas == null ? null : sas.startsWith("?") ? sas.substring(1) : sas;
    }

    /** From a mount's source and settings (see the platform's Azure backend for the keys). */
    static BlobRestClient of(URI source, Map<String, String> settings) throws IOException {
        String container = source.getUserInfo();
        String host = source.getHost();
        if (container == null || host == null || !host.contains(".")) {
            throw new IOException("Invalid Azure source " + source);
        }
        String account = host.substring(0, host.indexOf('.'));
        String suffix = host.substring(host.indexOf('.') + 1).replace("dfs.core.windows.net", "blob.core.windows.net");
        String endpoint = settings.getOrDefault("azure.endpoint", "https://" + account + "." + suffix);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String name = setting.getKey();
            if (name.equals("azure.connection.string")) {
                Map<String, String> parts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (String part : setting.getValue().split(";")) {
                    int equals = part.indexOf('=');
                    if (equals > 0) {
                        parts.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
                    }
                }
                String blobEndpoint = parts.getOrDefault("BlobEndpoint",
                        parts.getOrDefault("DefaultEndpointsProtocol", "https") + "://" + parts.get("AccountName")
                                + ".blob." + parts.getOrDefault("EndpointSuffix", "core.windows.net"));
                String accountKey = parts.get("AccountKey");
                return new BlobRestClient(blobEndpoint, parts.getOrDefault("AccountName", account), container,
                        accountKey == null ? null : Base64.getDecoder().decode(accountKey),
                        parts.get("SharedAccessSignature"));
            }
            if (name.startsWith("fs.azure.account.key." + account + ".")) {
                return new BlobRestClient(endpoint, account, container, Base64.getDecoder().decode(setting.getValue()),
                        null);
            }
            if (name.startsWith("fs.azure.sas." + container + "." + account + ".")) {
                return new BlobRestClient(endpoint, account, container, null, setting.getValue());
            }
        }
        throw new IOException("No credential for " + source + " in the mount's settings");
    }

    Properties properties(String blob) throws IOException {
        HttpResponse<Void> response = send(request("HEAD", blob, Map.of(), Map.of(), null, 0),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return null;
        }
        check(response, "HEAD", blob);
        return new Properties(response.headers().firstValueAsLong("Content-Length").orElse(0),
                time(response.headers().firstValue("Last-Modified").orElse(null)),
                "true".equalsIgnoreCase(response.headers().firstValue("x-ms-meta-hdi_isfolder").orElse("")));
    }

    /** Blobs and prefixes below {@code prefix}; with {@code delimiter} "/", one level. */
    List<Entry> list(String prefix, String delimiter, int max) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String marker = "";
        do {
            Map<String, String> query = new TreeMap<>();
            query.put("restype", "container");
            query.put("comp", "list");
            query.put("include", "metadata");
            query.put("prefix", prefix);
            if (delimiter != null) {
                query.put("delimiter", delimiter);
            }
            if (max > 0) {
                query.put("maxresults", String.valueOf(max));
            }
            if (!marker.isEmpty()) {
                query.put("marker", marker);
            }
            HttpResponse<byte[]> response = send(request("GET", null, query, Map.of(), null, 0),
                    HttpResponse.BodyHandlers.ofByteArray());
            check(response, "list", prefix);
            marker = parseList(response.body(), entries);
        } while (!marker.isEmpty() && (max <= 0 || entries.size() < max));
        return entries;
    }

    private static String parseList(byte[] xml, List<Entry> entries) throws IOException {
        try {
            Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml)).getDocumentElement();
            NodeList blobs = root.getElementsByTagName("Blob");
            for (int i = 0; i < blobs.getLength(); i++) {
                Element blob = (Element) blobs.item(i);
                entries.add(new Entry(text(blob, "Name"), false, Long.parseLong(text(blob, "Content-Length")),
                        time(text(blob, "Last-Modified")), "true".equalsIgnoreCase(text(blob, "hdi_isfolder"))));
            }
            NodeList prefixes = root.getElementsByTagName("BlobPrefix");
            for (int i = 0; i < prefixes.getLength(); i++) {
                entries.add(new Entry(text((Element) prefixes.item(i), "Name"), true, 0, 0, true));
            }
            return text(root, "NextMarker");
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("Unreadable blob listing", e);
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }

    /** The blob's bytes from {@code offset} on. */
    InputStream read(String blob, long offset) throws IOException {
        HttpResponse<InputStream> response = send(request("GET", blob, Map.of(),
                Map.of("x-ms-range", "bytes=" + offset + "-"), null, 0), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 300) {
            response.body().close();
            if (response.statusCode() == 416) {
                return InputStream.nullInputStream(); // at or past the end
            }
            check(response, "GET", blob);
        }
        return response.body();
    }

    void putBlock(String blob, String blockId, byte[] data, int length) throws IOException {
        Map<String, String> query = new TreeMap<>(Map.of("comp", "block", "blockid", blockId));
        check(send(request("PUT", blob, query, Map.of(), data, length), HttpResponse.BodyHandlers.discarding()),
                "PUT block", blob);
    }

    void putBlockList(String blob, List<String> blockIds) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        blockIds.forEach(id -> xml.append("<Latest>").append(id).append("</Latest>"));
        byte[] body = xml.append("</BlockList>").toString().getBytes(StandardCharsets.UTF_8);
        check(send(request("PUT", blob, Map.of("comp", "blocklist"), Map.of(), body, body.length),
                HttpResponse.BodyHandlers.discarding()), "PUT block list", blob);
    }

    void putBlob(String blob, byte[] data, boolean folder) throws IOException {
        Map<String, String> headers = new TreeMap<>(Map.of("x-ms-blob-type", "BlockBlob"));
        if (folder) {
            headers.put("x-ms-meta-hdi_isfolder", "true");
        }
        check(send(request("PUT", blob, Map.of(), headers, data, data.length), HttpResponse.BodyHandlers.discarding()),
                "PUT", blob);
    }

    void delete(String blob) throws IOException {
        HttpResponse<Void> response = send(request("DELETE", blob, Map.of(), Map.of(), null, 0),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 404) {
            check(response, "DELETE", blob);
        }
    }

    private HttpRequest request(String method, String blob, Map<String, String> query, Map<String, String> headers,
            byte[] body, int length) throws IOException {
        String path = URI.create(endpoint).getRawPath() + "/" + container
                + (blob == null ? "" : "/" + encodePath(blob));
        Map<String, String> all = new TreeMap<>(headers);
        all.put("x-ms-date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        all.put("x-ms-version", VERSION);
        StringBuilder queryText = new StringBuilder();
        new TreeMap<>(query).forEach((name, value) -> queryText.append(queryText.length() == 0 ? "?" : "&")
                .append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        if (key == null && sas != null) {
            queryText.append(queryText.length() == 0 ? "?" : "&").append(sas);
        }
        URI base = URI.create(endpoint);
        HttpRequest.Builder builder = HttpRequest
                .newBuilder(URI.create(base.getScheme() + "://" + base.getRawAuthority()
                        + path + queryText))
                .timeout(Duration.ofMinutes(5));
        all.forEach(builder::header);
        if (key != null) {
            builder.header("Authorization", "SharedKey " + account + ":" + sign(method, path, query, all, length));
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body, 0, length);
        return builder.method(method, publisher).build();
    }

    private String sign(String method, String path, Map<String, String> query, Map<String, String> headers,
            int length) throws IOException {
        // VERB, Content-Encoding, -Language, -Length, -MD5, -Type, Date, If-Modified-Since, If-Match,
        // If-None-Match, If-Unmodified-Since, Range; then the x-ms- headers and the resource.
        StringBuilder text = new StringBuilder(
                String.join("\n", method, "", "", length == 0 ? "" : String.valueOf(length),
                        "", "", "", "", "", "", "", ""))
                .append('\n');
        headers.forEach((name, value) -> text.append(name.toLowerCase()).append(':').append(value).append('\n'));
        text.append('/').append(account).append(path);
        new TreeMap<>(query).forEach((name, value) -> text.append('\n').append(name.toLowerCase()).append(':')
                .append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot sign a Blob Storage request", e);
        }
    }

    private static String encodePath(String blob) {
        StringBuilder encoded = new StringBuilder();
        for (String segment : blob.split("/", -1)) {
            encoded.append(encoded.length() == 0 ? "" : "/")
                    .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return encoded.toString();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return HTTP.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted talking to Blob Storage");
        }
    }

    private static void check(HttpResponse<?> response, String what, String blob) throws IOException {
        if (response.statusCode() >= 300) {
            throw new IOException("Azure Blob Storage answered " + response.statusCode() + " "
                    + response.headers().firstValue("x-ms-error-code").orElse("") + " to " + what + " " + blob);
        }
    }

    private static long time(String rfc1123) {
        return rfc1123 == null || rfc1123.isEmpty() ? 0
                : ZonedDateTime.parse(rfc1123, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    }
}
