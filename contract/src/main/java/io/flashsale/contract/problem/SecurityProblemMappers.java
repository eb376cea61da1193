package io.flashsale.contract.problem;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may not call gets {@code application/problem+json} too: 401 with {@code WWW-Authenticate: Bearer}
 * (RFC 6750) for a missing or invalid token, 403 for a valid token without the role. Where the
 * authentication mechanism answers otherwise (a browser page of an authorization-code tenant is
 * redirected to the provider's login), its answer stands.
 */
public class SecurityProblemMappers {

    /** The realm named in every Bearer challenge. */
    public static final String REALM = "flashsale";

    /** No credentials at all: the mechanism's challenge, as a problem when it is a 401. */
    @ServerExceptionMapper
    public Uni<Response> unauthenticated(RoutingContext context, UnauthorizedException e) {
        return challenge(context, Problem.of(ProblemType.UNAUTHENTICATED, "send Authorization: Bearer <access token>"),
                "Bearer realm=\"" + REALM + "\"");
    }

    /** A token that did not verify: expired, not yet valid, or anything else about it (one type, no detail). */
    @ServerExceptionMapper
    public Uni<Response> invalid(RoutingContext context, AuthenticationFailedException e) {
        ProblemType type = classify(e);
        String description = switch (type) {
            case TOKEN_EXPIRED -> "the token has expired";
            case TOKEN_NOT_YET_VALID -> "the token is not valid yet";
            default -> "the token is not valid here";
        };
        return challenge(context, Problem.of(type, description),
                "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + description + "\"");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(ProblemType.FORBIDDEN, "this needs a role the token does not carry").responseBuilder()
                .header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\"")
                .build();
    }

    /** The reason a token failed, from the JWT consumer's error codes in the cause chain. */
    static ProblemType classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException jwt) {
                if (jwt.hasExpired()) {
                    return ProblemType.TOKEN_EXPIRED;
                }
                if (jwt.hasErrorCode(ErrorCodes.NOT_YET_VALID) || jwt.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
                    return ProblemType.TOKEN_NOT_YET_VALID;
                }
                return ProblemType.INVALID_TOKEN;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ProblemType.INVALID_TOKEN;
    }

    private static Uni<Response> challenge(RoutingContext context, Problem problem, String wwwAuthenticate) {
        HttpAuthenticator authenticator = context == null ? null : context.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom().item(unauthorized(problem, wwwAuthenticate));
        }
        return authenticator.getChallenge(context)
                .map(challenge -> challenge == null || challenge.status == 401 ? unauthorized(problem, wwwAuthenticate)
                        : redirect(challenge))
                .onFailure().recoverWithItem(() -> unauthorized(problem, wwwAuthenticate));
    }

    private static Response unauthorized(Problem problem, String wwwAuthenticate) {
        return problem.responseBuilder().header("WWW-Authenticate", wwwAuthenticate).build();
    }

    /** What the mechanism asked for instead of a 401: a code-flow redirect to the login page. */
    private static Response redirect(ChallengeData challenge) {
        Response.ResponseBuilder builder = Response.status(challenge.status);
        challenge.getHeaders().forEach((name, value) -> builder.header(name.toString(), value));
        return builder.build();
    }
}
