package org.brickworks.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadBase;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.MultipartStream;
import org.apache.commons.fileupload.UploadContext;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.ServiceSlot;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.dbfs.api.dto.FileInfo;
import org.brickworks.dbfs.api.dto.MountSpec;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DBFS API 2.0 as Databricks defines it: put (inline base64 of at most 1 MB, or a multipart form of at most 2 GB),
 * create / add-block / close, read (base64, at most 1 MB), list, get-status, mkdirs, delete, move; and Brickworks' own
 * mount, unmount and mounts (what {@code dbutils.fs.mount} does), whose answers never carry the mount's settings.
 */
final class DbfsResource {
    /** Databricks' default {@code length} of a read: 0.5 MB. */
    private static final int DEFAULT_READ = 512 * 1024;
    /** What a multipart put's contents may hold: 2 GB, as Databricks. */
    private static final long MAX_FORM_CONTENTS = 2L << 30;
    private static final int MAX_FORM_FIELD = 64 * 1024;
    private static final int MAX_FORM_PARTS = 16;
    private static final byte[] READ_END = "\"}".getBytes(StandardCharsets.US_ASCII);
    /** Standard base64, line breaks between quads and missing padding tolerated, as the JDK's decoders do. */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS
            .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    private final ServiceSlot<DbfsService> dbfs;
    private final ObjectMapper json;

    DbfsResource(ServiceSlot<DbfsService> dbfs, ObjectMapper json) {
        this.dbfs = dbfs;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(Route.post("dbfs/put", this::put).withForm(this::putForm),
                Route.post("dbfs/create", this::create), Route.postStreamed("dbfs/add-block", this::addBlock),
                Route.post("dbfs/close", this::close),
                Route.get("dbfs/read", this::read), Route.get("dbfs/list", this::list),
                Route.get("dbfs/get-status", this::getStatus), Route.post("dbfs/mkdirs", this::mkdirs),
                Route.post("dbfs/delete", this::delete), Route.post("dbfs/move", this::move),
                Route.post("dbfs/mount", this::mount), Route.post("dbfs/unmount", this::unmount),
                Route.get("dbfs/mounts", this::mounts));
    }

    private Object put(ApiRequest request) {
        String path = request.requiredString("path");
        byte[] contents = base64(request, "contents");
        if (contents.length > DbfsService.MAX_BLOCK_BYTES) {
            throw new BrickworksException(ErrorCode.MAX_BLOCK_SIZE_EXCEEDED, "Inline contents hold at most "
                    + DbfsService.MAX_BLOCK_BYTES + " bytes, got " + contents.length
                    + ": upload larger files with create, add-block and close");
        }
        dbfs.get().put(path, new ByteArrayInputStream(contents), overwrite(request));
        return null;
    }

    /**
     * put as a {@code multipart/form-data} POST, what {@code curl -F} and the Databricks CLI send for files under 2 GB:
     * fields {@code path} and {@code overwrite}, the file in the part {@code contents}, written as it arrives. When
     * {@code contents} comes before both fields, it waits in a temporary file until the form's end.
     */
    private Object putForm(ApiRequest request) throws IOException {
        FileUpload upload = new FileUpload();
        upload.setFileSizeMax(MAX_FORM_CONTENTS);
        upload.setFileCountMax(MAX_FORM_PARTS);
        Map<String, String> fields = new HashMap<>();
        Path waiting = null;
        boolean written = false;
        try {
            FileItemIterator parts = upload.getItemIterator(new FormContext(request));
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                try (InputStream in = new FormPart(part.openStream())) {
                    if (!"contents".equals(part.getFieldName())) {
                        fields.put(part.getFieldName(), field(part.getFieldName(), in));
                    } else if (written || waiting != null) {
                        throw BrickworksException.invalidParameter("The form holds more than one contents part");
                    } else if (fields.containsKey("path") && fields.containsKey("overwrite")) {
                        dbfs.get().put(fields.get("path"), in, overwrite(fields));
                        written = true;
                    } else {
                        waiting = Files.createTempFile("dbfs-put", ".part");
                        Files.copy(in, waiting, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            String path = fields.get("path");
            if (path == null) {
                throw BrickworksException.invalidParameter("Missing required field: path");
            }
            if (!written) {
                try (InputStream in = waiting == null ? InputStream.nullInputStream() : Files.newInputStream(waiting)) {
                    dbfs.get().put(path, in, overwrite(fields));
                }
            }
        } catch (FileUploadException | IOException e) {
            throw FormPart.error(e);
        } finally {
            if (waiting != null) {
                Files.deleteIfExists(waiting);
            }
        }
        return null;
    }

    private static String field(String name, InputStream in) throws IOException {
        byte[] value = in.readNBytes(MAX_FORM_FIELD + 1);
        if (value.length > MAX_FORM_FIELD) {
            throw BrickworksException.invalidParameter("Form field " + name + " is longer than " + MAX_FORM_FIELD
                    + " bytes");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static boolean overwrite(Map<String, String> fields) {
        String value = fields.getOrDefault("overwrite", "false").strip();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw BrickworksException.invalidParameter("Invalid value for overwrite: expected true or false, got "
                    + value);
        }
        return Boolean.parseBoolean(value);
    }

    /** The request as Commons FileUpload reads it; field names and values are taken as UTF-8. */
    private record FormContext(ApiRequest request) implements UploadContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public String getContentType() {
            return request.contentType();
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return -1;
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public InputStream getInputStream() {
            return request.body();
        }
    }

    /**
     * A part's bytes, read in whole buffers, whose read failures (a broken form, contents over 2 GB) reach the DBFS
     * service as the API errors they are, so that it drops the half-written upload and the client learns why.
     */
    private static final class FormPart extends FilterInputStream {
        FormPart(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw error(e);
            }
        }

        /** Fills {@code buffer}: the parser hands out at most 4 KB at a time, and every read is one write below. */
        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                int read = in.readNBytes(buffer, offset, length);
                return read == 0 && length > 0 ? -1 : read;
            } catch (IOException e) {
                throw error(e);
            }
        }

        static BrickworksException error(Exception e) {
            Throwable cause = e instanceof FileUploadBase.FileUploadIOException ? e.getCause() : e;
            if (cause instanceof FileUploadBase.FileSizeLimitExceededException) {
                return new BrickworksException(ErrorCode.MAX_BLOCK_SIZE_EXCEEDED, "A form's contents hold at most "
                        + MAX_FORM_CONTENTS + " bytes: upload larger files with create, add-block and close");
            }
            if (cause instanceof FileUploadException || cause instanceof MultipartStream.MalformedStreamException) {
                return ApiError.malformed("Malformed multipart/form-data body: " + cause.getMessage());
            }
            return new BrickworksException(ErrorCode.IO_ERROR, "Reading the form failed: " + cause.getMessage());
        }
    }

    private Object create(ApiRequest request) {
        long handle = dbfs.get().create(request.requiredString("path"), overwrite(request));
        return json.createObjectNode().put("handle", handle);
    }

    /**
     * The body is read whole (the body limit bounds it) and {@code data}'s base64 decoded by the JDK's decoder straight
     * from it, then the rest of the object parsed without that string: no 1.4 MB string, no JSON tree, and a fraction
     * of the time Jackson's own base64 decoding takes. Data the strict decoder refuses (escaped, as in MIME lines,
     * unpadded, or no base64 at all) goes through Jackson's decoder, which takes what may be taken and names what is
     * wrong. The fields may come in any order.
     */
    private Object addBlock(ApiRequest request) throws IOException {
        byte[] body = request.body().readAllBytes();
        PlainData plain = PlainData.of(json.getFactory(), body);
        Long handle = null;
        byte[] data = new byte[0];
        try (JsonParser parser = json.getFactory().createParser(plain == null ? body : plain.rest())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.malformed("The request body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("handle".equals(field) && value != JsonToken.VALUE_NULL) {
                    handle = handleValue(parser, value);
                } else if ("data".equals(field) && value != JsonToken.VALUE_NULL) {
                    data = plain != null && plain.at(parser) ? plain.bytes() : blockValue(parser, value);
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (handle == null) {
            throw BrickworksException.invalidParameter("Missing required field: handle");
        }
        dbfs.get().addBlock(handle, data);
        return null;
    }

    private static long handleValue(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (value == JsonToken.VALUE_STRING && parser.getText().matches("-?\\d{1,18}")) {
            return Long.parseLong(parser.getText());
        }
        throw BrickworksException.invalidParameter("Invalid value for handle: expected an integer");
    }

    private static byte[] blockValue(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw BrickworksException.invalidParameter("Invalid value for data: expected a string");
        }
        Block block = new Block();
        try {
            parser.readBinaryValue(BASE64, block);
        } catch (StreamReadException e) {
            throw BrickworksException.invalidParameter("Invalid value for data: not base64: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            // What Jackson throws for some misplaced characters (a space inside a quad).
            throw BrickworksException.invalidParameter("Invalid value for data: not base64: " + e.getMessage());
        }
        return block.bytes();
    }

    /**
     * An add-block body's {@code data} when it is plain base64, decoded, and the body without it ({@code rest}, where
     * {@code data} is {@code ""} at byte {@code quote}).
     */
    private record PlainData(long quote, byte[] bytes, byte[] rest) {
        /** Null when {@code data} is not one plain, strictly valid base64 string: the parser takes it then. */
        static PlainData of(JsonFactory factory, byte[] body) throws IOException {
            int start = dataStart(factory, body);
            if (start < 0) {
                return null;
            }
            int end = start;
            while (end < body.length && body[end] != '"' && body[end] != '\\') {
                end++;
            }
            if (end == body.length || body[end] != '"') {
                return null;
            }
            ByteBuffer decoded;
            try {
                decoded = Base64.getDecoder().decode(ByteBuffer.wrap(body, start, end - start));
            } catch (IllegalArgumentException e) {
                return null;
            }
            byte[] rest = new byte[body.length - (end - start)];
            System.arraycopy(body, 0, rest, 0, start);
            System.arraycopy(body, end, rest, start, body.length - end);
            byte[] bytes = decoded.array().length == decoded.remaining() ? decoded.array()
                    : Arrays.copyOf(decoded.array(), decoded.remaining());
            return new PlainData(start - 1, bytes, rest);
        }

        /** Where the first {@code data} string's contents begin, or -1 (no such field, or a malformed body). */
        private static int dataStart(JsonFactory factory, byte[] body) throws IOException {
            try (JsonParser parser = factory.createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return -1;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    if (parser.nextToken() == JsonToken.VALUE_STRING && "data".equals(field)) {
                        return (int) parser.currentTokenLocation().getByteOffset() + 1;
                    }
                    parser.skipChildren();
                }
            } catch (StreamReadException e) {
                // Reported by the parse of the whole body.
            }
            return -1;
        }

        /** Whether the parser of {@code rest} stands on the string this data was taken from. */
        boolean at(JsonParser parser) {
            return parser.currentTokenLocation().getByteOffset() == quote;
        }
    }

    /** Decoded block bytes, refused as soon as they pass Databricks' 1 MB. */
    private static final class Block extends ByteArrayOutputStream {
        Block() {
            super(DbfsService.MAX_BLOCK_BYTES);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (count + length > DbfsService.MAX_BLOCK_BYTES) {
                throw new BrickworksException(ErrorCode.MAX_BLOCK_SIZE_EXCEEDED,
                        "A block holds at most " + DbfsService.MAX_BLOCK_BYTES + " bytes");
            }
            super.write(bytes, offset, length);
        }

        @Override
        public void write(int b) {
            write(new byte[] { (byte) b }, 0, 1);
        }

        byte[] bytes() {
            return count == buf.length ? buf : toByteArray();
        }
    }

    private Object close(ApiRequest request) {
        dbfs.get().close(handle(request));
        return null;
    }

    private Object read(ApiRequest request) {
        long offset = request.optionalLong("offset").orElse(0L);
        long length = request.optionalLong("length").orElse((long) DEFAULT_READ);
        if (length > DbfsService.MAX_BLOCK_BYTES) {
            throw new BrickworksException(ErrorCode.MAX_READ_SIZE_EXCEEDED,
                    "A read returns at most " + DbfsService.MAX_BLOCK_BYTES + " bytes, asked for " + length);
        }
        byte[] data = dbfs.get().read(request.requiredString("path"), offset, (int) length);
        // Serialised by hand: base64 bytes need no JSON escaping, and a 1.4 MB string would only be copied again.
        byte[] start = ("{\"bytes_read\":" + data.length + ",\"data\":\"").getBytes(StandardCharsets.US_ASCII);
        return new JsonParts(List.of(start, Base64.getEncoder().encode(data), READ_END));
    }

    private Object list(ApiRequest request) {
        ObjectNode result = json.createObjectNode();
        ArrayNode files = result.putArray("files");
        dbfs.get().list(request.requiredString("path")).forEach(info -> files.add(file(info)));
        return result;
    }

    private Object getStatus(ApiRequest request) {
        return file(dbfs.get().getStatus(request.requiredString("path")));
    }

    private Object mkdirs(ApiRequest request) {
        dbfs.get().mkdirs(request.requiredString("path"));
        return null;
    }

    private Object delete(ApiRequest request) {
        dbfs.get().delete(request.requiredString("path"), request.optionalBoolean("recursive").orElse(false));
        return null;
    }

    private Object move(ApiRequest request) {
        dbfs.get().move(request.requiredString("source_path"), request.requiredString("destination_path"));
        return null;
    }

    private Object mount(ApiRequest request) {
        dbfs.get().mount(new MountSpec(request.requiredString("source"), request.requiredString("mount_point"),
                request.optionalStringMap("extra_configs")));
        return null;
    }

    private Object unmount(ApiRequest request) {
        dbfs.get().unmount(request.requiredString("mount_point"));
        return null;
    }

    private Object mounts(ApiRequest request) {
        ObjectNode result = json.createObjectNode();
        ArrayNode mounts = result.putArray("mounts");
        dbfs.get().mounts().forEach(
                mount -> mounts.addObject().put("mount_point", mount.mountPoint()).put("source", mount.source()));
        return result;
    }

    private ObjectNode file(FileInfo info) {
        return json.createObjectNode().put("path", info.path()).put("is_dir", info.isDir())
                .put("file_size", info.fileSize()).put("modification_time", info.modificationTime());
    }

    private static boolean overwrite(ApiRequest request) {
        return request.optionalBoolean("overwrite").orElse(false);
    }

    private static long handle(ApiRequest request) {
        return request.optionalLong("handle")
                .orElseThrow(() -> BrickworksException.invalidParameter("Missing required field: handle"));
    }

    private static byte[] base64(ApiRequest request, String field) {
        String text = request.optionalString(field).orElse("");
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException strict) {
            // Some clients wrap base64 in lines: the MIME decoder skips line breaks, at a cost only they pay.
        }
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter("Invalid value for " + field + ": not base64: "
                    + e.getMessage());
        }
    }
}
