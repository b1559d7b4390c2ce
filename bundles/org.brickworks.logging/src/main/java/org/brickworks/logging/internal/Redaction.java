package org.brickworks.logging.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks credentials in text bound for the platform log: values of settings whose name says they are secret
 * ({@code fs.azure.account.key.<account>...=<key>}, {@code password=...}, a SAS token's {@code sig=...}, JSON fields
 * such as {@code "token": "..."}, options such as {@code --token ...}), every mount setting ({@code fs.azure.*},
 * {@code azure.*}), personal access tokens ({@code dapi...}), passwords in URLs and HTTP authorization values. Masking
 * is by shape, not by knowing the secrets, so it also covers command lines and third-party messages; it errs towards
 * masking too much. Stateless and thread-safe.
 */
final class Redaction {
    static final String MASK = "****";

    /** What marks a setting's name as secret; mount settings ({@code fs.azure.*}, {@code azure.*}) all are. */
    private static final String SECRET_NAME = "[\\w.\\-]*(?:key|secret|password|passwd|pwd|token|sas|sig"
            + "|credential|connection.?string|azure\\.)[\\w.\\-]*";
    private static final String VALUE = "[^\\s&;'\"]+";

    private static final List<Rule> RULES = List.of(
            // "password": "value" (JSON), before name=value so that the quotes stay balanced
            new Rule("(?i)(\"" + SECRET_NAME + "\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")", "$1" + MASK + "$2"),
            // name=value, name: value (settings, URL queries, connection strings, command lines)
            new Rule("(?i)(" + SECRET_NAME + "\\s*[=:]\\s*)" + VALUE, "$1" + MASK),
            // --token value, --password=value
            new Rule("(?i)(--[\\w\\-]*(?:key|secret|password|token|credential)[\\w\\-]*(?:\\s+|=)['\"]?)" + VALUE,
                    "$1" + MASK),
            // personal access tokens wherever they appear
            new Rule("dapi[0-9A-Za-z\\-]{8,}", "dapi" + MASK),
            // scheme://user:password@host
            new Rule("(://[^/\\s:@]+:)[^/\\s@]+@", "$1" + MASK + "@"),
            // Authorization: Bearer xyz, Basic xyz, SharedKey account:signature
            new Rule("(?i)\\b(Bearer|Basic|SharedKey)\\s+" + VALUE, "$1 " + MASK));

    private Redaction() {
    }

    /** {@code text} with every credential it recognizes replaced by {@value #MASK}; null stays null. */
    static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (Rule rule : RULES) {
            redacted = rule.pattern.matcher(redacted).replaceAll(rule.replacement);
        }
        return redacted;
    }

    private record Rule(Pattern pattern, String replacement) {
        Rule(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }
    }
}
