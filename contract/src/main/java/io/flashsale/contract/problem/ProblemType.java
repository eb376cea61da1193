package io.flashsale.contract.problem;

/**
 * Every kind of error the services answer with, each with a stable RFC 9457 {@code type} URI.
 * Clients switch on {@link #uri()}; titles are for people.
 */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", 400, "The request is not valid"),
    MALFORMED_JSON("malformed-json", 400, "The request body is not valid JSON"),
    NOT_FOUND("not-found", 404, "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    UNAUTHENTICATED("unauthenticated", 401, "A bearer token is required"),
    INVALID_TOKEN("invalid-token", 401, "The bearer token is not valid"),
    TOKEN_EXPIRED("token-expired", 401, "The bearer token has expired"),
    TOKEN_NOT_YET_VALID("token-not-yet-valid", 401, "The bearer token is not valid yet"),
    FORBIDDEN("forbidden", 403, "The token does not grant this"),
    BUYER_MISMATCH("buyer-mismatch", 403, "The body names another buyer than the token"),
    RATE_LIMITED("rate-limited", 429, "Too many requests; slow down"),
    SALE_NOT_FOUND("sale-not-found", 404, "No such sale"),
    ORDER_NOT_FOUND("order-not-found", 404, "No such order"),
    SALE_NOT_ACTIVE("sale-not-active", 409, "The sale is not active"),
    SOLD_OUT("sold-out", 409, "The sale is sold out"),
    LIMIT_REACHED("limit-reached", 409, "The per-user limit is reached"),
    SALE_EXISTS("sale-exists", 409, "A sale with this id exists"),
    INVALID_STATE_TRANSITION("invalid-state-transition", 409, "The sale cannot make this transition"),
    SALE_RECOVERING("sale-recovering", 503, "The sale is being reconciled; try again shortly"),
    DEPENDENCY_UNAVAILABLE("dependency-unavailable", 503, "A dependency is unavailable; try again shortly"),
    OVERLOADED("overloaded", 503, "Too many orders in flight; try again shortly"),
    PUBLISH_UNCONFIRMED("publish-unconfirmed", 503,
            "The order is reserved but its publication is not confirmed yet; follow its status"),
    INTERNAL("internal", 500, "Internal error");

    /** Prefix of every problem type URI. */
    public static final String URI_PREFIX = "urn:flashsale:problem:";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
