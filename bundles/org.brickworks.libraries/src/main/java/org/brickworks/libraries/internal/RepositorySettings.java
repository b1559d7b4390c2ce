package org.brickworks.libraries.internal;

import java.util.ArrayList;
import java.util.List;

import org.brickworks.core.api.BrickworksException;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;

/**
 * The repositories part of {@link MavenResolverConfig}: extra repositories ({@code id=url}), a mirror of everything
 * and credentials ({@code id=user:password}), parsed once; a malformed entry fails the component's activation.
 */
final class RepositorySettings {
    static final String MIRROR_ID = "mirror";

    private final List<String[]> repositories = new ArrayList<>();
    private final String mirrorUrl;
    private final DefaultAuthenticationSelector authentication = new DefaultAuthenticationSelector();

    RepositorySettings(MavenResolverConfig config) {
        for (String entries : config.repositories()) {
            // A .cfg file holds one string: several repositories are separated by commas there.
            for (String entry : entries.split(",")) {
                if (!entry.isBlank()) {
                    repositories.add(pair(entry, "repositories", '='));
                }
            }
        }
        mirrorUrl = config.mirrorUrl().isBlank() ? null : config.mirrorUrl().trim();
        for (String entry : config.credentials()) {
            String[] idAndSecret = pair(entry, "credentials", '=');
            String[] userAndPassword = pair(idAndSecret[1], "credentials", ':');
            authentication.add(idAndSecret[0], new AuthenticationBuilder().addUsername(userAndPassword[0])
                    .addPassword(userAndPassword[1]).build());
        }
    }

    /** The configured extra repositories as {id, url}, in order. */
    List<String[]> repositories() {
        return repositories;
    }

    MirrorSelector mirrorSelector() {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        if (mirrorUrl != null) {
            selector.add(MIRROR_ID, mirrorUrl, "default", false, false, "*", "*");
        }
        return selector;
    }

    AuthenticationSelector authenticationSelector() {
        return authentication;
    }

    private static String[] pair(String entry, String attribute, char separator) {
        int at = entry.indexOf(separator);
        if (at <= 0 || at == entry.length() - 1) {
            // Never echo the entry: it may hold a password.
            throw BrickworksException.invalidParameter("Malformed entry in " + attribute + ": expected key"
                    + separator + "value");
        }
        return new String[] { entry.substring(0, at).trim(), entry.substring(at + 1).trim() };
    }
}
