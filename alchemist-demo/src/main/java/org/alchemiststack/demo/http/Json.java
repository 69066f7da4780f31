package org.alchemiststack.demo.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The service's JSON: strict on input (unknown fields, fractions for whole numbers, strings for numbers and trailing
 * garbage are all refused), records on output.
 *
 * <p>Thread-safe: the mapper is configured once and only read afterwards.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
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
            throw new ApiException(400, "invalid_json", "The body is not valid JSON for this request: "
                    + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiException(400, "invalid_json", "The body could not be read.");
        }
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
}
