package org.brickworks.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.dbfs.api.DbfsService;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;

/**
 * A DBFS {@code add-block} body, {@code {"handle": 7, "data": "<base64>"}}. The body is read whole (the body limit
 * bounds it) and {@code data}'s base64 decoded by the JDK's decoder straight from it, then the rest of the object
 * parsed without that string: no 1.4 MB string, no JSON tree, and a fraction of the time Jackson's own base64 decoding
 * takes. Data the strict decoder refuses (escaped, as in MIME lines, unpadded, or no base64 at all) goes through
 * Jackson's decoder, which takes what may be taken and names what is wrong. The fields may come in any order.
 */
record DbfsBlock(long handle, byte[] data) {
    /** Standard base64, line breaks between quads and missing padding tolerated, as the JDK's decoders do. */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS
            .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    static DbfsBlock parse(JsonFactory factory, byte[] body) throws IOException {
        PlainData plain = PlainData.of(factory, body);
        Long handle = null;
        byte[] data = new byte[0];
        try (JsonParser parser = factory.createParser(plain == null ? body : plain.rest())) {
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
        } catch (StreamReadException e) {
            throw ApiError.malformed("Malformed JSON request body: " + e.getOriginalMessage());
        }
        if (handle == null) {
            throw BrickworksException.invalidParameter("Missing required field: handle");
        }
        return new DbfsBlock(handle, data);
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
}
