package org.brickworks.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
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
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.rest.api.ApiCall;

/**
 * DBFS {@code put} as a {@code multipart/form-data} POST, what {@code curl -F} and the Databricks CLI send for files
 * under 2 GB: fields {@code path} and {@code overwrite}, the file in the part {@code contents}, written as it arrives.
 * When {@code contents} comes before both fields, it waits in a temporary file until the form's end.
 */
final class DbfsForm {
    /** What a multipart put's contents may hold: 2 GB, as Databricks. */
    static final long MAX_CONTENTS = 2L << 30;
    private static final int MAX_FIELD = 64 * 1024;
    private static final int MAX_PARTS = 16;

    private DbfsForm() {
    }

    static void put(DbfsService dbfs, ApiCall<Void> call) throws IOException {
        FileUpload upload = new FileUpload();
        upload.setFileSizeMax(MAX_CONTENTS);
        upload.setFileCountMax(MAX_PARTS);
        Map<String, String> fields = new HashMap<>();
        Path waiting = null;
        boolean written = false;
        try {
            FileItemIterator parts = upload.getItemIterator(new FormContext(call));
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                try (InputStream in = new FormPart(part.openStream())) {
                    if (!"contents".equals(part.getFieldName())) {
                        fields.put(part.getFieldName(), field(part.getFieldName(), in));
                    } else if (written || waiting != null) {
                        throw BrickworksException.invalidParameter("The form holds more than one contents part");
                    } else if (fields.containsKey("path") && fields.containsKey("overwrite")) {
                        dbfs.put(fields.get("path"), in, overwrite(fields));
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
                    dbfs.put(path, in, overwrite(fields));
                }
            }
        } catch (FileUploadException | IOException e) {
            throw FormPart.error(e);
        } finally {
            if (waiting != null) {
                Files.deleteIfExists(waiting);
            }
        }
    }

    private static String field(String name, InputStream in) throws IOException {
        byte[] value = in.readNBytes(MAX_FIELD + 1);
        if (value.length > MAX_FIELD) {
            throw BrickworksException.invalidParameter("Form field " + name + " is longer than " + MAX_FIELD
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
    private record FormContext(ApiCall<Void> call) implements UploadContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public String getContentType() {
            return call.contentType();
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
            return call.body();
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
                        + MAX_CONTENTS + " bytes: upload larger files with create, add-block and close");
            }
            if (cause instanceof FileUploadException || cause instanceof MultipartStream.MalformedStreamException) {
                return ApiError.malformed("Malformed multipart/form-data body: " + cause.getMessage());
            }
            return new BrickworksException(ErrorCode.IO_ERROR, "Reading the form failed: " + cause.getMessage());
        }
    }
}
