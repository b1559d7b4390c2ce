package org.brickworks.dbfs.azure.internal;

import java.net.URI;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.dbfs.api.Storage;
import org.brickworks.dbfs.api.StorageBackend;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.StorageSharedKeyCredential;

/**
 * Azure Blob Storage (and ADLS Gen2 accounts, through their Blob endpoint) as DBFS mounts, with the Azure SDK for
 * Java over the JDK's HTTP client. See {@link AzureSource} for sources and credentials.
 */
@Component(property = { StorageBackend.SCHEME_PROPERTY + "=wasbs", StorageBackend.SCHEME_PROPERTY + "=wasb",
        StorageBackend.SCHEME_PROPERTY + "=abfss", StorageBackend.SCHEME_PROPERTY + "=abfs" })
public class AzureBlobBackend implements StorageBackend {
    private static final Logger LOG = LoggerFactory.getLogger(AzureBlobBackend.class);

    @Override
    public Storage open(URI uri, Map<String, String> settings) {
        AzureSource source = AzureSource.parse(uri, settings);
        BlobContainerClient container = withBundleLoader(() -> containerClient(source));
        try {
            if (!container.exists()) {
                throw BrickworksException.invalidParameter("Container " + source.container() + " does not exist in "
                        + source.endpoint());
            }
        } catch (BlobStorageException e) {
            throw BrickworksException.invalidParameter("Azure Blob Storage refused " + uri + " with the "
                    + source.credential() + " given: " + e.getStatusCode() + " " + e.getErrorCode());
        } catch (RuntimeException e) {
            if (e instanceof BrickworksException b) {
                throw b;
            }
            throw BrickworksException.invalidParameter("Cannot reach " + source.endpoint() + " for " + uri + ": "
                    + e.getClass().getSimpleName());
        }
        LOG.debug("Opened {} with a {}", uri, source.credential());
        return new AzureBlobStorage(container, source);
    }

    static BlobContainerClient containerClient(AzureSource source) {
        HttpClient http = new JdkHttpClientBuilder().build();
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder().httpClient(http);
        switch (source.credential().kind()) {
        case CONNECTION_STRING -> builder.connectionString(source.credential().value());
        case ACCOUNT_KEY -> builder.endpoint(source.endpoint())
                .credential(new StorageSharedKeyCredential(source.account(), source.credential().value()));
        case SAS -> builder.endpoint(source.endpoint()).sasToken(source.credential().value());
        default -> throw new IllegalStateException();
        }
        return builder.buildClient().getBlobContainerClient(source.container());
    }

    /** The SDK finds some of its providers through the context class loader: make it this bundle's. */
    private static <T> T withBundleLoader(java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AzureBlobBackend.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
