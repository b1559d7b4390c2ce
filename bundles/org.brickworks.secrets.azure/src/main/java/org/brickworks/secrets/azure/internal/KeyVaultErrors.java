package org.brickworks.secrets.azure.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.microsoft.aad.msal4j.MsalServiceException;

/**
 * The Azure SDK's failures as errors a user can act on: a vault or Azure AD out of reach or overloaded is
 * {@code TEMPORARILY_UNAVAILABLE} (503), a refused credential or access {@code PERMISSION_DENIED}; never a 500.
 */
final class KeyVaultErrors {
    private static final int LONGEST_DETAIL = 300;

    private KeyVaultErrors() {
    }

    static BrickworksException translate(String vault, RuntimeException failure) {
        if (failure instanceof BrickworksException known) {
            return known;
        }
        Throwable unreachable = cause(failure, IOException.class, TimeoutException.class);
        if (unreachable != null) {
            return new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The Azure Key Vault " + vault
                    + " or Azure AD cannot be reached: " + detail(unreachable), failure);
        }
        if (cause(failure, MsalServiceException.class) instanceof MsalServiceException azureAd) {
            boolean busy = azureAd.statusCode() == 429 || azureAd.statusCode() >= 500;
            return new BrickworksException(busy ? ErrorCode.TEMPORARILY_UNAVAILABLE : ErrorCode.PERMISSION_DENIED,
                    "Azure AD did not sign the platform in for the Azure Key Vault " + vault + " (check the Azure AD"
                            + " application in " + KeyVaultSettings.FILE + "): " + detail(azureAd),
                    failure);
        }
        Throwable refused = cause(failure, ClientAuthenticationException.class);
        if (refused != null) {
            return new BrickworksException(ErrorCode.PERMISSION_DENIED, "The platform cannot sign in to the Azure Key"
                    + " Vault " + vault + " (check the Azure AD application in " + KeyVaultSettings.FILE + "): "
                    + detail(refused), failure);
        }
        if (cause(failure, HttpResponseException.class) instanceof HttpResponseException answer
                && answer.getResponse() != null) {
            int status = answer.getResponse().getStatusCode();
            String said = "The Azure Key Vault " + vault + " answered " + status + ": " + detail(answer);
            if (status == 401 || status == 403) {
                return new BrickworksException(ErrorCode.PERMISSION_DENIED, said + " (the platform's Azure AD"
                        + " application needs the role Key Vault Secrets User, or get and list secret permissions)",
                        failure);
            }
            return new BrickworksException(status == 429 || status >= 500 ? ErrorCode.TEMPORARILY_UNAVAILABLE
                    : ErrorCode.INVALID_STATE, said, failure);
        }
        return new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The Azure Key Vault " + vault
                + " failed: " + detail(failure), failure);
    }

    @SafeVarargs
    private static Throwable cause(Throwable failure, Class<? extends Throwable>... kinds) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> kind : kinds) {
                if (kind.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The first line of a message, bounded: Azure's may run over many lines. */
    private static String detail(Throwable failure) {
        if (failure instanceof ConnectException && failure.getMessage() == null) {
            return "connection refused";
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > LONGEST_DETAIL ? line.substring(0, LONGEST_DETAIL) + "..." : line;
    }
}
