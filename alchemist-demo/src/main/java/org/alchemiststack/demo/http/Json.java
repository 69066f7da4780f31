package org.alchemiststack.demo.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The service's JSON: strict on input (unknown fields, duplicate fields, fractions for whole numbers, strings for
 * numbers, numbers or booleans for strings and trailing garbage are all refused), records on output. Error messages
 * name the field and the problem in the API's own words, never a Java type.
 *
 * <p>Thread-safe: the mapper is configured once and only read afterwards.
 */
final class Json {

    /** The content type of every answer. */
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule().addDeserializer(String.class, new StrictString()))
            .build();

    private Json() {
    }

    /**
     * Reads a request body.
     *
     * @param body the bytes
     * @param type the record to read into
     * @param <T> its type
     * @return the value, never {@code null}
     * @throws ApiException 400 {@code invalid_json} when the body is not such a JSON object
     */
    static <T> T read(byte[] body, Class<T> type) {
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new ApiException(400, "invalid_json", "The body must be a JSON object, not null.");
            }
            return value;
        } catch (JacksonException e) {
            throw new ApiException(400, "invalid_json", describe(e));
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "The body could not be read.");
        }
    }

    /** Says what is wrong in the API's terms: the field and the kind of problem, with no Java type names. */
    private static String describe(JacksonException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (e instanceof UnrecognizedPropertyException u) {
            return "Unknown field '" + u.getPropertyName() + "'.";
        }
        if (original.startsWith("Duplicate field")) {
            return "A field appears more than once: " + original.substring("Duplicate field ".length()) + ".";
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            return "The field '" + field + "' has the wrong type or is out of range.";
        }
        if (e instanceof JsonMappingException) {
            return "The body must be one JSON object with the documented fields.";
        }
        return "The body is not valid JSON" + (e.getLocation() == null ? "." : " (line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr() + ").");
    }

    /**
     * Writes a response body.
     *
     * @param value a record, map or list
     * @return UTF-8 JSON
     */
    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getName() + " as JSON.", e);
        }
    }

    /** Reads only JSON strings into {@code String}: {@code 5} or {@code true} is not a name. Stateless. */
    private static final class StrictString extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        StrictString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            return p.getText();
        }
    }
}
