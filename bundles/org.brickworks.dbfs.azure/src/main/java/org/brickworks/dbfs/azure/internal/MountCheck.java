package org.brickworks.dbfs.azure.internal;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.brickworks.core.api.BrickworksException;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;

/**
 * Whether a new mount's container can be reached and exists, within a bounded time, with a refusal that names the
 * cause (an invalid key, a refused connection, an unknown host, no answer) and never a credential.
 */
final class MountCheck {
    private MountCheck() {
    }

    /**
     * @param container
     *            a client of the container whose retries end within {@code patience}
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} saying why the mount cannot be used
     */
    static void check(BlobContainerClient container, AzureSource source, URI uri, Duration patience) {
        boolean exists;
        try {
            exists = container.existsWithResponse(patience, Context.NONE).getValue();
        } catch (BlobStorageException e) {
            throw refused(source, uri, "Azure Blob Storage refused the " + source.credential() + " given: "
                    + e.getStatusCode() + " " + e.getErrorCode());
        } catch (RuntimeException e) {
            throw refused(source, uri, "Cannot reach " + source.endpoint() + ": " + cause(e, patience));
        }
        if (!exists) {
            throw refused(source, uri, "Container " + source.container() + " does not exist in " + source.endpoint());
        }
    }

    /** What went wrong, as a user can act on it: the network's refusal, a timeout, or the deepest message given. */
    static String cause(Throwable failure, Duration patience) {
        String deepest = failure.getClass().getSimpleName();
        for (Throwable next = failure; next != null; next = next.getCause()) {
            if (next instanceof ConnectException) {
                return "connection refused";
            }
            if (next instanceof UnknownHostException) {
                return "unknown host " + next.getMessage();
            }
            if (next instanceof TimeoutException || next instanceof HttpTimeoutException
                    || next instanceof SocketTimeoutException
                    || String.valueOf(next.getMessage()).startsWith("Timeout on blocking")) {
                return "no answer within " + patience.toSeconds() + " s";
            }
            if (next.getMessage() != null && !next.getMessage().isBlank()) {
                deepest = next.getClass().getSimpleName() + ": " + next.getMessage().strip();
            }
        }
        return deepest;
    }

    private static BrickworksException refused(AzureSource source, URI uri, String why) {
        return BrickworksException.invalidParameter("Cannot mount " + uri + ": " + source.redact(why));
    }
}
