package io.flashsale.contract;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The shapes of the identifiers that cross service boundaries. */
public final class Ids {

    /** Sale ids go into Redis hash tags, so braces and anything outside this set are refused. */
    public static final Pattern SALE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public static final int USER_ID_MAX_LENGTH = 128;
    public static final int IDEMPOTENCY_KEY_MAX_LENGTH = 128;

    private Ids() {
    }

    public static boolean isSaleId(String value) {
        return value != null && SALE_ID.matcher(value).matches();
    }

    /** A user id is 1 to 128 visible characters, no white space or control characters. */
    public static boolean isUserId(String value) {
        return isToken(value, USER_ID_MAX_LENGTH);
    }

    public static boolean isIdempotencyKey(String value) {
        return isToken(value, IDEMPOTENCY_KEY_MAX_LENGTH);
    }

    /** The UUID in canonical form, or empty for anything else. */
    public static Optional<UUID> parseOrderId(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equalsIgnoreCase(value) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isToken(String value, int maxLength) {
        if (value == null || value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        return value.codePoints().allMatch(c -> c > 0x20 && c != 0x7f && !Character.isISOControl(c)
                && !Character.isWhitespace(c));
    }
}
