package org.brickworks.dbfs.azure.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.brickworks.dbfs.api.Storage;
import org.brickworks.dbfs.api.StorageBackend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;

/**
 * Azure Blob Storage (and ADLS Gen2 accounts, through their Blob endpoint) as DBFS mounts, with the Azure SDK for
 * Java over the JDK's HTTP client. See {@link AzureSource} for sources and credentials. A new mount is checked
 * within {@link AzureConfig#mountCheckSeconds()}; a refusal says why (see {@link MountCheck}).
 */
@Component(configurationPid = "org.brickworks.dbfs.azure",
        property = { StorageBackend.SCHEME_PROPERTY + "=wasbs", StorageBackend.SCHEME_PROPERTY + "=wasb",
                StorageBackend.SCHEME_PROPERTY + "=abfss", StorageBackend.SCHEME_PROPERTY + "=abfs" })
@Designate(ocd = AzureConfig.class)
public class AzureBlobBackend implements StorageBackend {
    private static final Logger LOG = LoggerFactory.getLogger(AzureBlobBackend.class);

    private final Duration mountCheck;

    @Activate
    public AzureBlobBackend(AzureConfig config) {
        this.mountCheck = Duration.ofSeconds(Math.max(1, config.mountCheckSeconds()));
    }

    @Override
    public Storage open(URI uri, Map<String, String> settings) {
        AzureSource source = AzureSource.parse(uri, settings);
        // The check gives up within the mount check's time (one retry); the storage then retries as the SDK does.
        MountCheck.check(withBundleLoader(() -> client(source, new RequestRetryOptions(RetryPolicyType.FIXED, 2,
                mountCheck, Duration.ofMillis(200), Duration.ofMillis(200), null))), source, uri, mountCheck);
        LOG.debug("Opened {} with a {}", uri, source.credential());
        return new AzureBlobStorage(withBundleLoader(() -> client(source, new RequestRetryOptions())), source);
    }

    private static BlobContainerClient client(AzureSource source, RequestRetryOptions retries) {
        HttpClient http = new JdkHttpClientBuilder().connectionTimeout(retries.getTryTimeoutDuration()).build();
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder().httpClient(http).retryOptions(retries);
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
