package io.flashsale.contract.problem;

import java.util.stream.Collectors;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Turns every error a service can raise into {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().response();
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return Problem.of(ProblemType.MALFORMED_JSON, e.getOriginalMessage()).response();
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = path(e);
        if (field.isEmpty() || e.getOriginalMessage().startsWith("Unexpected end-of-input")) {
            return Problem.of(ProblemType.MALFORMED_JSON, "the body must be a JSON object").response();
        }
        return Problem.invalid(field, "'" + field + "' has the wrong type").response();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return Problem.of(ProblemType.MALFORMED_JSON, e.getOriginalMessage()).response();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.of(ProblemType.NOT_FOUND, "no resource at this path").response();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        var allowed = e.getResponse().getAllowedMethods();
        Response.ResponseBuilder builder = Problem.of(ProblemType.METHOD_NOT_ALLOWED, allowed.isEmpty()
                ? "this resource does not answer that method" : "allowed: " + String.join(", ", allowed))
                .responseBuilder();
        allowed.forEach(m -> builder.header("Allow", m));
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send application/json").response();
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return Problem.of(ProblemType.NOT_ACCEPTABLE, "this resource answers application/json").response();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // The JSON reader wraps what Jackson said into a plain 400.
        if (e.getCause() instanceof MismatchedInputException m) {
            return mismatched(m);
        }
        if (e.getCause() instanceof JsonProcessingException j) {
            return json(j);
        }
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return Problem.of(ProblemType.PAYLOAD_TOO_LARGE, null).response();
        }
        if (status >= 500) {
            LOG.error("request failed", e);
            return Problem.of(ProblemType.INTERNAL, null).response();
        }
        return Problem.of(ProblemType.INVALID_REQUEST, e.getMessage()).response();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error while handling a request", e);
        return Problem.of(ProblemType.INTERNAL, null).response();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
