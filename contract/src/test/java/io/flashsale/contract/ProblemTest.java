package io.flashsale.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.contract.problem.Problem;
import io.flashsale.contract.problem.ProblemType;

/** A problem's answer: its members as JSON bytes, its media type, and Retry-After on a 503. */
class ProblemTest {

    @Test
    void theBodyIsTheMembersAsJsonAndTheResponseCarriesThoseBytes() throws Exception {
        Problem problem = Problem.of(ProblemType.SOLD_OUT, "no units left in sale s1").with("limit", 2);

        Map<?, ?> json = new ObjectMapper().readValue(problem.body(), Map.class);
        assertEquals(Map.of("type", "urn:flashsale:problem:sold-out", "title", ProblemType.SOLD_OUT.title(),
                "status", 409, "detail", "no units left in sale s1", "limit", 2), json);

        Response response = problem.response();
        assertEquals(409, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertArrayEquals(problem.body(), (byte[]) response.getEntity());
        assertNull(response.getHeaderString("Retry-After"));
    }

    @Test
    void a503SaysWhenToRetry() {
        Response response = Problem.of(ProblemType.OVERLOADED, "busy").retryAfter(5).response();
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
    }
}
