package org.brickworks.dbfs.azure.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.brickworks.dbfs.api.Storage;
import org.brickworks.dbfs.api.dto.FileInfo;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;

/**
 * A mounted Azure Blob Storage container (below a prefix). Directories follow hadoop-azure's convention: a directory
 * is a name with blobs below it, or an empty marker blob with the metadata {@code hdi_isfolder=true} (what
 * {@code mkdirs} writes), so Hadoop's wasb file system reads the same layout. A file is written as blocks staged in the
 * background and committed at once ({@link BlockUpload}); a file is read as ranges fetched ahead ({@link RangeReader}).
 */
final class AzureBlobStorage implements Storage {
    private static final String FOLDER = "hdi_isfolder";
    private static final int TRANSFER_THREADS = 8;

    private final BlobContainerClient container;
    private final AzureSource source;
    /** Background block staging and read-ahead of this mount's uploads and reads. */
    private final ExecutorService transfers;

    AzureBlobStorage(BlobContainerClient container, AzureSource source) {
        this.container = container;
        this.source = source;
        AtomicInteger count = new AtomicInteger();
        this.transfers = Executors.newFixedThreadPool(TRANSFER_THREADS, task -> {
            Thread thread = new Thread(task,
                    "brickworks-dbfs-azure-" + source.container() + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(AzureBlobStorage.class.getClassLoader()); // the SDK loads providers through it
            return thread;
        });
    }

    private BlobClient blob(String relative) {
        return container.getBlobClient(source.blobName(relative));
    }

    @Override
    public Optional<FileInfo> status(String relative) throws IOException {
        if (source.blobName(relative).isEmpty()) {
            return Optional.of(new FileInfo(relative, true, 0, 0));
        }
        try {
            BlobProperties properties = blob(relative).getProperties();
            boolean folder = isFolder(properties.getMetadata());
            return Optional.of(new FileInfo(relative, folder, folder ? 0 : properties.getBlobSize(),
                    properties.getLastModified().toInstant().toEpochMilli()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw failure(e);
            }
        }
        ListBlobsOptions below = new ListBlobsOptions().setPrefix(source.blobName(relative) + "/")
                .setMaxResultsPerPage(1);
        try {
            boolean any = container.listBlobs(below, null).iterator().hasNext();
            return any ? Optional.of(new FileInfo(relative, true, 0, 0)) : Optional.empty();
        } catch (BlobStorageException e) {
            throw failure(e);
        }
    }

    @Override
    public List<FileInfo> list(String relative) throws IOException {
        String name = source.blobName(relative);
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(name.isEmpty() ? "" : name + "/")
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        Map<String, FileInfo> entries = new LinkedHashMap<>();
        try {
            for (BlobItem item : container.listBlobsByHierarchy("/", options, null)) {
                String child = source.relative(item.getName());
                if (Boolean.TRUE.equals(item.isPrefix()) || isFolder(item.getMetadata())) {
                    entries.putIfAbsent(child, new FileInfo(child, true, 0, 0));
                } else {
                    entries.put(child, new FileInfo(child, false, item.getProperties().getContentLength(),
                            item.getProperties().getLastModified().toInstant().toEpochMilli()));
                }
            }
        } catch (BlobStorageException e) {
            throw failure(e);
        }
        return new ArrayList<>(entries.values());
    }

    @Override
    public Upload create(String relative) {
        return new BlockUpload(blob(relative).getBlockBlobClient(), transfers);
    }

    @Override
    public InputStream open(String relative, long offset) throws IOException {
        BlobClient blob = blob(relative);
        try {
            BlobProperties properties = blob.getProperties();
            return new RangeReader(blob, properties.getETag(), properties.getBlobSize(), offset, transfers);
        } catch (BlobStorageException e) {
            throw failure(e);
        }
    }

    @Override
    public void mkdirs(String relative) throws IOException {
        try {
            for (String at = relative; !at.isEmpty(); at = at.contains("/") ? at.substring(0, at.lastIndexOf('/'))
                    : "") {
                BlockBlobClient marker = blob(at).getBlockBlobClient();
                if (marker.exists()) {
                    break;
                }
                marker.uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0]))
                        .setMetadata(Map.of(FOLDER, "true")), null, null);
            }
        } catch (BlobStorageException e) {
            throw failure(e);
        }
    }

    @Override
    public void delete(String relative) throws IOException {
        String name = source.blobName(relative);
        try {
            for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(name + "/"), null)) {
                container.getBlobClient(item.getName()).deleteIfExists();
            }
            container.getBlobClient(name).deleteIfExists();
        } catch (BlobStorageException e) {
            throw failure(e);
        }
    }

    /** Azure has no rename: each blob is copied through this process, then the source is deleted. */
    @Override
    public void move(String from, String to) throws IOException {
        String source = this.source.blobName(from);
        String target = this.source.blobName(to);
        try {
            List<String> names = new ArrayList<>();
            for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(source + "/"), null)) {
                names.add(item.getName());
            }
            if (container.getBlobClient(source).exists()) {
                names.add(source);
            }
            for (String name : names) {
                copy(container.getBlobClient(name), container.getBlobClient(target + name.substring(source.length())));
            }
            delete(from);
        } catch (BlobStorageException e) {
            throw failure(e);
        }
    }

    private static void copy(BlobClient from, BlobClient to) throws IOException {
        BlobProperties properties = from.getProperties();
        try (InputStream in = from.openInputStream()) {
            to.getBlockBlobClient().uploadWithResponse(new BlockBlobSimpleUploadOptions(in, properties.getBlobSize())
                    .setMetadata(properties.getMetadata()), null, null);
        }
    }

    @Override
    public void close() {
        transfers.shutdownNow(); // the SDK's clients hold nothing that needs closing
    }

    private static boolean isFolder(Map<String, String> metadata) {
        return metadata != null && "true".equalsIgnoreCase(metadata.get(FOLDER));
    }

    /** The storage's answer without the request (whose URL may carry a SAS): status and Azure's error code. */
    static IOException failure(BlobStorageException e) {
        return new IOException("Azure Blob Storage answered " + e.getStatusCode() + " " + e.getErrorCode());
    }

    /** A failure of a background transfer, named without its message (which may hold the URL and so a SAS). */
    static IOException failure(Throwable e) {
        if (e instanceof BlobStorageException storage) {
            return failure(storage);
        }
        return e instanceof IOException io ? io
                : new IOException("Azure Blob Storage request failed: " + e.getClass().getSimpleName());
    }
}
