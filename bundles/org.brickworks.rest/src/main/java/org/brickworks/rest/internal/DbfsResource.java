package org.brickworks.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.dbfs.api.dto.FileInfo;
import org.brickworks.dbfs.api.dto.MountSpec;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.JsonParts;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.core.JsonFactory;

import jakarta.servlet.Servlet;

/**
 * DBFS API 2.0 as Databricks defines it: put (inline base64 of at most 1 MB, or a multipart form of at most 2 GB:
 * {@link DbfsForm}), create / add-block ({@link DbfsBlock}) / close, read (base64, at most 1 MB), list, get-status,
 * mkdirs, delete, move; and Brickworks' own mount, unmount and mounts (what {@code dbutils.fs.mount} does), whose
 * answers never carry the mount's settings.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/dbfs/*", "/api/2.1/dbfs/*", "/api/2.2/dbfs/*" })
public class DbfsResource extends ApiServlet {
    private static final long serialVersionUID = 1L;
    /** Databricks' default {@code length} of a read: 0.5 MB. */
    private static final int DEFAULT_READ = 512 * 1024;
    private static final byte[] READ_END = "\"}".getBytes(StandardCharsets.US_ASCII);
    private static final JsonFactory JSON = new JsonFactory();

    record FilePath(String path, Boolean overwrite, Boolean recursive) {
        FilePath {
            ApiParams.required(path, "path");
        }
    }

    record Put(String path, String contents, Boolean overwrite) {
        Put {
            ApiParams.required(path, "path");
        }
    }

    record Handle(Long handle) {
        Handle {
            ApiParams.required(handle, "handle");
        }
    }

    record Read(String path, Long offset, Long length) {
        Read {
            ApiParams.required(path, "path");
        }
    }

    record Move(String sourcePath, String destinationPath) {
        Move {
            ApiParams.required(sourcePath, "source_path");
            ApiParams.required(destinationPath, "destination_path");
        }
    }

    record Mount(String source, String mountPoint, Map<String, String> extraConfigs) {
        Mount {
            ApiParams.required(source, "source");
            ApiParams.required(mountPoint, "mount_point");
        }

        MountSpec toSpec() {
            return new MountSpec(source, mountPoint, extraConfigs);
        }
    }

    record MountPoint(String mountPoint) {
        MountPoint {
            ApiParams.required(mountPoint, "mount_point");
        }
    }

    record Files(List<File> files) {
    }

    record File(String path, boolean isDir, long fileSize, long modificationTime) {
        static File of(FileInfo info) {
            return new File(info.path(), info.isDir(), info.fileSize(), info.modificationTime());
        }
    }

    record Mounts(List<MountInfo> mounts) {
    }

    record MountInfo(String mountPoint, String source) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DbfsService dbfs;
    private final transient ServiceWait<DbfsService> waiting;

    @Activate
    public DbfsResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, DbfsService.class, "DBFS", config);
    }

    DbfsResource(DbfsService dbfs) {
        waiting = ServiceWait.none("DBFS");
        this.dbfs = dbfs;
    }

    @Deactivate
    void deactivate() {
        waiting.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.post("dbfs/put", Put.class, this::put).withForm(call -> {
            DbfsForm.put(dbfs(), call);
            return null;
        }), Route.post("dbfs/create", FilePath.class, this::create),
                Route.postStreamed("dbfs/add-block", this::addBlock),
                Route.post("dbfs/close", Handle.class, call -> done(() -> dbfs().close(call.params().handle()))),
                Route.get("dbfs/read", Read.class, this::read),
                Route.get("dbfs/list", FilePath.class, call -> new Files(
                        dbfs().list(call.params().path()).stream().map(File::of).toList())),
                Route.get("dbfs/get-status", FilePath.class, call -> File.of(dbfs().getStatus(call.params().path()))),
                Route.post("dbfs/mkdirs", FilePath.class, call -> done(() -> dbfs().mkdirs(call.params().path()))),
                Route.post("dbfs/delete", FilePath.class, call -> done(() -> dbfs().delete(call.params().path(),
                        Boolean.TRUE.equals(call.params().recursive())))),
                Route.post("dbfs/move", Move.class, call -> done(() -> dbfs().move(call.params().sourcePath(),
                        call.params().destinationPath()))),
                Route.post("dbfs/mount", Mount.class,
                        call -> done(() -> dbfs().mount(admin(call, "mount").params().toSpec()))),
                Route.post("dbfs/unmount", MountPoint.class,
                        call -> done(() -> dbfs().unmount(admin(call, "unmount").params().mountPoint()))),
                Route.get("dbfs/mounts", Void.class, call -> new Mounts(dbfs().mounts().stream()
                        .map(mount -> new MountInfo(mount.mountPoint(), mount.source())).toList())));
    }

    private DbfsService dbfs() {
        return waiting.get(dbfs);
    }

    /** Runs {@code action}, answering {@code {}}. */
    private static Object done(Runnable action) {
        action.run();
        return null;
    }

    /** {@code call}, when an administrator made it: mounts are the platform's, seen by every cluster. */
    private static <T> ApiCall<T> admin(ApiCall<T> call, String what) {
        if (!call.caller().admin()) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED,
                    "Only administrators may " + what + ": mounts are shared by every user and cluster");
        }
        return call;
    }

    private Object put(ApiCall<Put> call) {
        byte[] contents = base64(call.params().contents());
        if (contents.length > DbfsService.MAX_BLOCK_BYTES) {
            throw new BrickworksException(ErrorCode.MAX_BLOCK_SIZE_EXCEEDED, "Inline contents hold at most "
                    + DbfsService.MAX_BLOCK_BYTES + " bytes, got " + contents.length
                    + ": upload larger files with create, add-block and close");
        }
        dbfs().put(call.params().path(), new ByteArrayInputStream(contents),
                Boolean.TRUE.equals(call.params().overwrite()));
        return null;
    }

    private Handle create(ApiCall<FilePath> call) {
        return new Handle(dbfs().create(call.params().path(), Boolean.TRUE.equals(call.params().overwrite())));
    }

    private Object addBlock(ApiCall<Void> call) throws IOException {
        DbfsBlock block = DbfsBlock.parse(JSON, call.body().readAllBytes());
        dbfs().addBlock(block.handle(), block.data());
        return null;
    }

    private JsonParts read(ApiCall<Read> call) {
        long offset = call.params().offset() == null ? 0 : call.params().offset();
        long length = call.params().length() == null ? DEFAULT_READ : call.params().length();
        if (length > DbfsService.MAX_BLOCK_BYTES) {
            throw new BrickworksException(ErrorCode.MAX_READ_SIZE_EXCEEDED,
                    "A read returns at most " + DbfsService.MAX_BLOCK_BYTES + " bytes, asked for " + length);
        }
        byte[] data = dbfs().read(call.params().path(), offset, (int) length);
        // Serialised by hand: base64 bytes need no JSON escaping, and a 1.4 MB string would only be copied again.
        byte[] start = ("{\"bytes_read\":" + data.length + ",\"data\":\"").getBytes(StandardCharsets.US_ASCII);
        return new JsonParts(List.of(start, Base64.getEncoder().encode(data), READ_END));
    }

    private static byte[] base64(String text) {
        if (text == null) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException strict) {
            // Some clients wrap base64 in lines: the MIME decoder skips line breaks, at a cost only they pay.
        }
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter("Invalid value for contents: not base64: " + e.getMessage());
        }
    }
}
